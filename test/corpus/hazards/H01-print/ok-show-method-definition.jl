# print(io, ...) inside a show method writes to whatever stream the caller passes.
struct Point
    x::Float64
    y::Float64
end

function Base.show(io::IO, p::Point)
    print(io, "Point(", p.x, ", ", p.y, ")")  # label: TRIM101 none
end

function (@main)(args)
    p = Point(1.0, 2.0)
    print(Core.stdout, p)
    println(Core.stdout)
    return 0
end
