# TrimCheck.jl's own test: maximum(::Vector{Any}) is an unresolved call.
function largest(xs::Vector{Int})
    acc = []  # label: TRIM203 warning
    for x in xs
        push!(acc, x * 2)
    end
    return maximum(acc)
end

function (@main)(args)
    println(Core.stdout, largest([3, 1, 2]))
    return 0
end
