module Lib

Base.@ccallable function total(v::Vector{Float64})::Float64  # label: TRIM603 error
    return sum(v)
end

end
