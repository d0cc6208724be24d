# expand_ccallable: "@ccallable requires a return type".
module Lib

Base.@ccallable function add_one(x::Cint)  # label: TRIM603 error
    return x + Cint(1)
end

end
