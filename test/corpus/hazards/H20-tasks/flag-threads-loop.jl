function squares!(out::Vector{Int})
    Threads.@threads for i in eachindex(out)  # label: TRIM501 warning
        out[i] = i^2
    end
    return out
end

function (@main)(args)
    println(Core.stdout, sum(squares!(zeros(Int, 8))))
    return 0
end
