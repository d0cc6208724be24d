limits = Dict("max" => 10)

cap(n::Int) = min(n, limits["max"])  # label: TRIM202 error

function (@main)(args)
    println(Core.stdout, cap(length(args)))
    return 0
end
