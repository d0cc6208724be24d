area(x::Float64) = x^2

function (@main)(args)
    if hasmethod(area, Tuple{Int})  # label: TRIM401 warning
        println(Core.stdout, "int method")
    end
    n = length(methods(area))  # label: TRIM401 warning
    println(Core.stdout, n)
    return 0
end
