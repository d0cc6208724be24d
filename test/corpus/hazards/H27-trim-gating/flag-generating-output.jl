# julia#60083: a warning path behind jl_generating_output is still verified.
function warn_slow(msg::String)
    if ccall(:jl_generating_output, Cint, ()) == 0  # label: TRIM704 warning
        @warn msg  # label: TRIM103 warning
    end
    return nothing
end

function (@main)(args)
    warn_slow("slow path")
    return 0
end
