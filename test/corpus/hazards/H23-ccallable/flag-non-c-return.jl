module Lib

Base.@ccallable function describe(x::Cint)::String  # label: TRIM603 error
    return string(x)
end

Base.@ccallable function maybe(x::Cint)::Union{Nothing,Cint}  # label: TRIM603 error
    return x > 0 ? x : nothing
end

end
