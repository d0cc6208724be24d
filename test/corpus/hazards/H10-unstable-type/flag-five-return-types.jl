# Five different result types: more than inference splits (max_union_splitting = 4).
function pick(k::Int)  # label: TRIM205 warning ~pick
    k == 1 && return 1
    k == 2 && return 1.0
    k == 3 && return "one"
    k == 4 && return :one
    return '1'
end

function (@main)(args)
    println(Core.stdout, pick(length(args)))  # label: TRIM205 warning ~pick
    return 0
end
