# A tuple of functions has a concrete type per element; constant indices keep each call concrete.
function pipeline(x::Float64)
    stages = (sqrt, exp, abs)
    y = stages[1](x)  # label: TRIM204 none
    return stages[3](stages[2](y))  # label: TRIM204 none
end

function (@main)(args)
    println(Core.stdout, pipeline(4.0))
    return 0
end
