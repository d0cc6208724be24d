function pipeline(x::Float64)
    stages = Function[sqrt, exp, abs]
    for s in stages
        x = s(x)  # label: TRIM204 warning
    end
    return x
end

function (@main)(args)
    println(Core.stdout, pipeline(4.0))
    return 0
end
