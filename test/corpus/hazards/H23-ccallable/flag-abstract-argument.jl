module Lib

Base.@ccallable function scale(x::Real)::Float64  # label: TRIM603 error
    return 2.0 * x
end

Base.@ccallable function count_chars(s::AbstractString)::Cint  # label: TRIM603 error
    return Cint(length(s))
end

end
