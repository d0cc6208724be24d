# Writing through concrete streams: IOBuffer, open(...) with try/finally, explicit IO parameters.

struct Point
    x::Int
    y::Int
end

function Base.show(io::IO, p::Point)
    print(io, "Point(", p.x, ", ", p.y, ")")
end

function render(p::Point)
    buf = IOBuffer()
    show(buf, p)
    print(buf, " at ", p.x)
    return String(take!(buf))
end

function save(path::String, text::String)
    f = open(path, "w")
    try
        println(f, text)
    finally
        close(f)
    end
end

function emit(io::IOBuffer, lines::Vector{String})
    for l in lines
        println(io, l)
    end
end

function (@main)(args)
    p = Point(1, 2)
    out = IOBuffer()
    emit(out, ["a", "b"])
    save("out.txt", render(p))
    write(Core.stdout, take!(out))
    println(Core.stderr, sprint(show, p))
    return 0
end
