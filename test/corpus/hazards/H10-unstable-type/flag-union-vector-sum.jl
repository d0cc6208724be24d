# Compiler/test/verifytrim.jl: sum over a Vector of a four-member Union must produce errors.
function (@main)(args)
    v = Union{Int64,Float64,Float32,UInt32}[1, 2.0, 3.0f0, UInt32(4)]  # label: TRIM205 warning ~u
    println(Core.stdout, sum(v))  # label: TRIM205 warning ~u
    return 0
end
