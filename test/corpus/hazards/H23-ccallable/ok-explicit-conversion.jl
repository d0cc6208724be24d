module Lib

Base.@ccallable function half(n::Int32)::Int32
    return n ÷ Int32(2)  # label: TRIM604 none
end

Base.@ccallable Cdouble function ratio(a::Cdouble, b::Cdouble)
    return a / b  # label: TRIM604 none
end

end
