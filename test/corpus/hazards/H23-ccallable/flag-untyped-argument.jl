module Lib

Base.@ccallable function twice(x)::Cint  # label: TRIM603 error
    return Cint(2x)
end

end
