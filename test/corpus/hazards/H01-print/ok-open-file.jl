# open(path, mode) returns an IOStream, a concrete stream.
function save(path::String, lines::Vector{String})
    io = open(path, "w")
    try
        for l in lines
            println(io, l)  # label: TRIM101 none
        end
    finally
        close(io)
    end
    return nothing
end

function (@main)(args)
    save("out.txt", args)
    return 0
end
