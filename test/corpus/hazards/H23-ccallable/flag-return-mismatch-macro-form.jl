# The macro-argument form has no return annotation on the method, so no convert is inserted.
module Lib

Base.@ccallable Int32 function half(n::Int32)
    n / 2  # label: TRIM604 error
end

end
