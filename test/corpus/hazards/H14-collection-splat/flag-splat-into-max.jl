function widest(words::Vector{String})
    lens = map(length, words)
    return max(lens...)  # label: TRIM301 error
end

function (@main)(args)
    println(Core.stdout, widest(["a", "bcd"]))
    return 0
end
