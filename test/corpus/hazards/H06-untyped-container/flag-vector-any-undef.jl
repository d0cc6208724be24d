function squares(n::Int)
    out = Vector{Any}(undef, n)  # label: TRIM203 warning
    for i in 1:n
        out[i] = i^2
    end
    return sum(out)
end

function (@main)(args)
    println(Core.stdout, squares(5))
    return 0
end
