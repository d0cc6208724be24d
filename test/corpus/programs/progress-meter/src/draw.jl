function bar(p::Progress)
    filled = round(Int, 30 * p.counter / p.n)
    return "[" * repeat("=", filled) * repeat(" ", 30 - filled) * "]"  # label: TRIM307 warning
end

function printover(io::IO, s::String)
    print(io, "\r")
    printstyled(io, s; color = :green)  # label: TRIM104 warning
    return nothing
end
