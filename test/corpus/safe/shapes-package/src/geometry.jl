abstract type Shape end

struct Square <: Shape
    side::Float64
end

struct Circle <: Shape
    radius::Float64
end

area(s::Square) = s.side^2
area(c::Circle) = pi * c.radius^2

name(::Square) = "square"
name(::Circle) = "circle"
