# Shapes from Julia's test/trim libraries.
module Lib

struct CPoint
    x::Cdouble
    y::Cdouble
end

Base.@ccallable function add(a::Cint, b::Cint)::Cint  # label: TRIM603 none
    return a + b
end

Base.@ccallable "point_norm" function norm2(p::CPoint)::Cdouble  # label: TRIM603 none
    return sqrt(p.x^2 + p.y^2)
end

Base.@ccallable function sum_array(p::Ptr{Cdouble}, n::Csize_t)::Cdouble  # label: TRIM603 none
    v = unsafe_wrap(Array, p, n)
    return sum(v; init = 0.0)
end

Base.@ccallable function name_length(s::Cstring)::Cint  # label: TRIM603 none
    return Cint(length(unsafe_string(s)))
end

end
