function scaled(xs::Vector{Int}, k::Int)
    factor = 2k
    return map(x -> x * factor, xs)  # label: TRIM206 none
end

function (@main)(args)
    println(Core.stdout, sum(scaled([1, 2], 3)))
    return 0
end
