module CLib

# Shapes of Julia's test/trim library tests: C-callable entry points with concrete signatures.

struct CVector{T}
    length::Cint
    data::Ptr{T}
end

struct Status
    code::Cint
    message::NTuple{64,UInt8}
end

const LAST = Base.RefValue{Int64}(0)

Base.@ccallable "sum_vector" function sum_vector(v::CVector{Float64})::Float64
    xs = unsafe_wrap(Array, v.data, v.length)
    return sum(xs; init = 0.0)
end

Base.@ccallable function count_positive(ptr::Ptr{Int64}, n::Cint)::Int64
    total = Int64(0)
    for i in 1:n
        x = unsafe_load(ptr, i)
        total += x > 0 ? Int64(1) : Int64(0)
    end
    LAST[] = total
    return total
end

Base.@ccallable function safe_div(a::Cint, b::Cint)::Cint
    try
        return div(a, b)
    catch e
        msg = e isa DivideError ? "division by zero" : ""
        print(Core.stderr, msg, "\n")
        return Cint(-1)
    end
end

function __init__()
    LAST[] = 0
end

end
