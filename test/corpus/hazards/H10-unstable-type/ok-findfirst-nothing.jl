function position_of(words::Vector{String}, w::String)
    i = findfirst(==(w), words)
    return i === nothing ? 0 : i  # label: TRIM205 none
end

function (@main)(args)
    println(Core.stdout, position_of(args, "x"))
    return 0
end
