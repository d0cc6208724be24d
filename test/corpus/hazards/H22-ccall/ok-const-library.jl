# Constant library names (a string literal or a const String, as JLL products are).
const libzstd = "libzstd.so.1"

zstd_version() = ccall((:ZSTD_versionNumber, libzstd), Cuint, ())  # label: TRIM601 none
cosine(x::Float64) = ccall((:cos, "libm.so.6"), Cdouble, (Cdouble,), x)  # label: TRIM601 none
clock_ticks() = ccall(:clock, Clong, ())  # label: TRIM601 none

function (@main)(args)
    println(Core.stdout, zstd_version(), " ", cosine(0.0), " ", clock_ticks())
    return 0
end
