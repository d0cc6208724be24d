function offsets(xs::Vector{Int})
    shift = 1  # label: TRIM206 warning ~shift
    f = x -> x + shift  # label: TRIM206 warning ~shift
    shift = 10  # label: TRIM206 warning ~shift
    return map(f, xs)
end

function (@main)(args)
    println(Core.stdout, sum(offsets([1, 2])))
    return 0
end
