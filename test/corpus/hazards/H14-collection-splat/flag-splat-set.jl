function smallest(s::Set{Int})
    return min(s...)  # label: TRIM301 error
end

function (@main)(args)
    println(Core.stdout, smallest(Set([3, 1, 2])))
    return 0
end
