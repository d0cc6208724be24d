# Abstract type with a few concrete methods dispatched over a vector; reductions with lambdas.

abstract type Shape end

struct Circle <: Shape
    r::Float64
end

struct Rect <: Shape
    w::Float64
    h::Float64
end

area(c::Circle) = pi * c.r^2
area(r::Rect) = r.w * r.h

function (@main)(args)
    shapes = Shape[Circle(1.0), Rect(2.0, 3.0)]
    total = sum(area, shapes)
    v = [1.0, 2.0, 3.0]
    sorted = sort(v; by = x -> -x)
    big = any(x -> x > 2, v) && all(x -> x > 0, v)
    sq = mapreduce(x -> x^2, +, v)
    m = reshape(map(x -> 2x, v), :, 1)
    println(Core.stdout, "total=$(total) first=$(sorted[1]) big=$(big) sq=$(sq) size=$(size(m, 1))")
    write(Core.stdout, "ok\n")
    GC.gc()
    return 0
end
