scale = 2.5

function area(r::Float64)
    scale = 3.0
    return scale * r^2  # label: TRIM202 none
end

perimeter(scale::Float64) = 2 * scale  # label: TRIM202 none

function (@main)(args)
    println(Core.stdout, area(1.0) + perimeter(1.0))
    return 0
end
