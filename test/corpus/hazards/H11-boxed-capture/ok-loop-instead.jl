function total(xs::Vector{Int})
    n = 0
    for x in xs
        n += x  # label: TRIM206 none
    end
    return n
end

function (@main)(args)
    println(Core.stdout, total([1, 2, 3]))
    return 0
end
