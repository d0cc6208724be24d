find_lib() = Sys.iswindows() ? "mylib.dll" : "libmylib.so"

function version()
    return ccall((:mylib_version, find_lib()), Cint, ())  # label: TRIM601 error
end

function (@main)(args)
    println(Core.stdout, version())
    return 0
end
