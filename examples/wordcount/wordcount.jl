# wordcount: counts words in the files named on the command line.
# Built with: juliac --output-exe wordcount --trim=safe wordcount.jl
# This version has the trim hazards people write first; see ../wordcount-clean for its twin.

verbose = false                 # an untyped global

struct Stats
    words::Int
    lines::Int
    longest                     # untyped field
end

function count_file(path::String)
    text = read(path, String)
    words = split(text)
    longest = isempty(words) ? "" : words[argmax(length.(words))]
    return Stats(length(words), count(==('\n'), text), longest)
end

function report(name::String, s::Stats)
    println(name, ": ", s.words, " words, ", s.lines, " lines")
    if verbose
        println("  longest word: ", s.longest)
    end
end

function (@main)(args)
    if isempty(args)
        print("file name: ")
        args = [readline()]
    end
    @info "counting" files = length(args)
    totals = Int[]
    for path in args
        s = count_file(path)
        report(path, s)
        push!(totals, s.words)
    end
    println("total: ", +(totals...))
    return 0
end
