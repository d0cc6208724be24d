# An exception escaping a @ccallable aborts the host process.
module Lib

Base.@ccallable function checked_sqrt(x::Cdouble)::Cdouble
    x < 0 && error("negative input")  # label: TRIM605 warning
    return sqrt(x)
end

Base.@ccallable function must_be_positive(n::Cint)::Cint
    if n <= 0
        throw(ArgumentError("n must be positive"))  # label: TRIM605 warning
    end
    return n
end

end
