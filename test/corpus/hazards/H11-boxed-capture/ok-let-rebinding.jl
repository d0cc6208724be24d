function weighted(xs::Vector{Float64})
    w = 1.0
    if length(xs) > 2
        w = 0.5
    end
    f = let w = w
        x -> x * w  # label: TRIM206 none
    end
    return sum(f, xs)
end

function (@main)(args)
    println(Core.stdout, weighted([1.0, 2.0, 3.0]))
    return 0
end
