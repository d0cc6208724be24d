function describe(values::Vector{Any})
    parts = String[]
    for v in values
        push!(parts, string(v))  # label: TRIM208 warning
    end
    return join(parts, ",")
end

function (@main)(args)
    println(Core.stdout, describe(Any[1, "two", 3.0]))  # label: TRIM203 warning
    return 0
end
