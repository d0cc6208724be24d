function distinct_lengths(words::Vector{String})
    seen = Set()  # label: TRIM203 warning
    for w in words
        push!(seen, length(w))
    end
    return maximum(seen)
end

function (@main)(args)
    println(Core.stdout, distinct_lengths(["a", "bb"]))
    return 0
end
