function convert_all(T::Type, words::Vector{String})  # label: TRIM303 warning
    return map(w -> parse(T, w), words)
end

function (@main)(args)
    println(Core.stdout, sum(convert_all(Int, args)))
    return 0
end
