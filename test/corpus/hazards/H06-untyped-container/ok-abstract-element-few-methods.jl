# Julia's Trimmability test: sum(area, ::Vector{Shape}) with two concrete subtypes dispatches
# through at most max_methods = 3 candidates, which inference enumerates.
abstract type Shape end

struct Square <: Shape
    side::Float64
end

struct Circle <: Shape
    radius::Float64
end

area(s::Square) = s.side^2
area(c::Circle) = pi * c.radius^2

function (@main)(args)
    shapes = Shape[Square(2.0), Circle(1.0)]  # label: TRIM203 none
    println(Core.stdout, sum(area, shapes))
    return 0
end
