# map/any/all/mapreduce with lambdas at the call site are in Julia's Trimmability test.
function stats(v::Vector{Int})
    sq = map(x -> x^2, v)  # label: TRIM303 none
    big = any(x -> x > 10, v)  # label: TRIM303 none
    total = mapreduce(x -> 2x, +, v)  # label: TRIM303 none
    return sum(sq) + total + (big ? 1 : 0)
end

function (@main)(args)
    println(Core.stdout, stats([1, 2, 3]))
    return 0
end
