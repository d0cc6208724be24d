addall(v::Vector{Int}) = +(v...)  # label: TRIM301 error

function (@main)(args)
    println(Core.stdout, addall([1, 2, 3]))
    return 0
end
