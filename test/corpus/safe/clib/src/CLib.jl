module CLib

struct CVector{T}
    length::Cint
    data::Ptr{T}
end

struct CPoint
    x::Cdouble
    y::Cdouble
end

struct Status
    code::Cint
    message::NTuple{64,UInt8}
end

function status(code::Cint, msg::String)
    bytes = codeunits(msg)
    buf = ntuple(i -> i <= length(bytes) ? bytes[i] : 0x00, Val(64))
    return Status(code, buf)
end

Base.@ccallable function point_distance(a::CPoint, b::CPoint)::Cdouble
    return sqrt((a.x - b.x)^2 + (a.y - b.y)^2)
end

Base.@ccallable "clib_sum" function sum_vector(v::CVector{Float64})::Float64
    data = unsafe_wrap(Array, v.data, Int(v.length))
    return sum(data; init = 0.0)
end

Base.@ccallable function scale_in_place(p::Ptr{Cdouble}, n::Csize_t, k::Cdouble)::Cvoid
    v = unsafe_wrap(Array, p, Int(n))
    for i in eachindex(v)
        v[i] *= k
    end
    return nothing
end

Base.@ccallable function checked_log(x::Cdouble, out::Ptr{Cdouble})::Status
    if !(x > 0)
        return status(Cint(1), "x must be positive")
    end
    unsafe_store!(out, log(x))
    return status(Cint(0), "")
end

end
