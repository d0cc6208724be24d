# verifytrim.jl: "disallowed ccall into a runtime function" (:jl_apply).
function apply_any(args::Vector{Any})
    return ccall(:jl_apply, Any, (Ptr{Any}, UInt32), args, length(args))  # label: TRIM601 error
end

function (@main)(args)
    apply_any(Any[sum, [1, 2]])
    return 0
end
