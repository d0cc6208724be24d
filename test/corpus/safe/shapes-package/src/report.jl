function report(io::IO, shapes::Vector{Shape})
    total = sum(area, shapes)
    for s in shapes
        println(io, name(s), ": ", area(s))
    end
    println(io, "total: ", total)
    return nothing
end
