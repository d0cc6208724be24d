# Errors returned as a status code instead of thrown.
module Lib

Base.@ccallable function safe_sqrt(x::Cdouble, out::Ptr{Cdouble})::Cint
    if x < 0
        return Cint(1)  # label: TRIM605 none
    end
    unsafe_store!(out, sqrt(x))
    return Cint(0)
end

Base.@ccallable function parse_count(s::Cstring)::Cint
    try
        return Cint(parse(Int, unsafe_string(s)))
    catch
        return Cint(-1)  # label: TRIM605 none
    end
end

end
