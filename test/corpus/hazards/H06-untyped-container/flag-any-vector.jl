function mixed_sum(n::Int)
    items = Any[]  # label: TRIM203 warning
    for i in 1:n
        push!(items, iseven(i) ? i : Float64(i))
    end
    total = 0.0
    for it in items
        total += it
    end
    return total
end

function (@main)(args)
    println(Core.stdout, mixed_sum(4))
    return 0
end
