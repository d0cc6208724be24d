scale = 2.5

area(r::Float64) = scale * r^2  # label: TRIM202 error

function (@main)(args)
    println(Core.stdout, area(1.0))
    return 0
end
