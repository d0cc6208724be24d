function tally(words::Vector{String})
    counts = Dict()  # label: TRIM203 warning
    for w in words
        counts[w] = get(counts, w, 0) + 1
    end
    return sum(values(counts))
end

function (@main)(args)
    println(Core.stdout, tally(args))
    return 0
end
