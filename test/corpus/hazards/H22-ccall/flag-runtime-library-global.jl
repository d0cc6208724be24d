# julia#57707: a library path known only at run time makes the runtime dlopen/dlsym, which was trimmed.
libpath = get(ENV, "MYLIB", "libmylib.so")

getver() = ccall((:mylib_version, libpath), Cint, ())  # label: TRIM601 error, TRIM202 error

function (@main)(args)
    println(Core.stdout, getver())
    return 0
end
