function longest(words::Vector{String})
    best = 0  # label: TRIM206 warning ~best
    foreach(words) do w
        best = max(best, length(w))  # label: TRIM206 warning ~best
    end
    return best
end

function (@main)(args)
    println(Core.stdout, longest(args))
    return 0
end
