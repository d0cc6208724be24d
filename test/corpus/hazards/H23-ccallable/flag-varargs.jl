# test/trim/LibSimple: varargs @ccallable is not supported.
module Lib

Base.@ccallable function addall(x::Cint, rest::Cint...)::Cint  # label: TRIM603 error
    return x
end

end
