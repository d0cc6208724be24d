# Reading an IOStream from open(path) or an IOBuffer is concrete.
function count_words(path::String)
    io = open(path, "r")
    n = 0
    try
        for line in eachline(io)  # label: TRIM102 none
            n += length(split(line))
        end
    finally
        close(io)
    end
    return n
end

function (@main)(args)
    println(Core.stdout, count_words(args[1]))
    return 0
end
