function weighted(xs::Vector{Float64})
    w = 1.0  # label: TRIM206 warning ~w
    if length(xs) > 2
        w = 0.5  # label: TRIM206 warning ~w
    end
    return sum(x * w for x in xs)  # label: TRIM206 warning ~w
end

function (@main)(args)
    println(Core.stdout, weighted([1.0, 2.0, 3.0]))
    return 0
end
