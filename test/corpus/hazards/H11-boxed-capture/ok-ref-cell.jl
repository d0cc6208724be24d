function total(xs::Vector{Int})
    n = Ref(0)
    foreach(x -> (n[] += x), xs)  # label: TRIM206 none
    return n[]
end

function (@main)(args)
    println(Core.stdout, total([1, 2, 3]))
    return 0
end
