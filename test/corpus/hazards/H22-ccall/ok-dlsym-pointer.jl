# BasicJLL test: resolve a pointer with dlsym in reachable code, then ccall the pointer.
using Libdl

function version()
    handle = Libdl.dlopen("libzstd.so.1")
    fptr = Libdl.dlsym(handle, :ZSTD_versionNumber)
    return ccall(fptr, Cuint, ())  # label: TRIM601 none
end

function (@main)(args)
    println(Core.stdout, version())
    return 0
end
