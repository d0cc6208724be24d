# FastGeoProjections: a float type returned as a value left 40 calls unresolved.
function buffer(single::Bool, n::Int)
    T = single ? Float32 : Float64  # label: TRIM207 warning ~T
    return sum(zeros(T, n))  # label: TRIM207 warning ~T
end

function (@main)(args)
    println(Core.stdout, buffer(isempty(args), 4))
    return 0
end
