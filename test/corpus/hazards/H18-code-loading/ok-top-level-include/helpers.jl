helper(x::Int) = x + 1
