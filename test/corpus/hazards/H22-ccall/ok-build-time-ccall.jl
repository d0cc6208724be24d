# BasicJLL: a top-level ccall runs while building; its result is a constant.
const BUILD_PID = ccall(:getpid, Cint, ())  # label: TRIM601 none
libname = "libc.so.6"
const HOST = unsafe_string(ccall((:getenv, libname), Cstring, (Cstring,), "HOME"))  # label: TRIM601 none

function (@main)(args)
    println(Core.stdout, BUILD_PID, " ", HOST)
    return 0
end
