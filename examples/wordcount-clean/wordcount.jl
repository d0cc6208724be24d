# wordcount: counts words in the files named on the command line.
# Built with: juliac --output-exe wordcount --trim=safe wordcount.jl
# The trim-clean twin of ../wordcount: every output names its stream, globals are typed, fields are
# concrete, and nothing is splatted.

const VERBOSE = false

struct Stats
    words::Int
    lines::Int
    longest::String
end

function count_file(path::String)
    text = read(path, String)
    words = split(text)
    longest = isempty(words) ? "" : String(words[argmax(length.(words))])
    return Stats(length(words), count(==('\n'), text), longest)
end

function report(name::String, s::Stats)
    println(Core.stdout, name, ": ", s.words, " words, ", s.lines, " lines")
    if VERBOSE
        println(Core.stdout, "  longest word: ", s.longest)
    end
end

function (@main)(args::Vector{String})::Cint
    if isempty(args)
        println(Core.stderr, "usage: wordcount FILE...")
        return 1
    end
    println(Core.stderr, "counting ", length(args), " files")
    total = 0
    for path in args
        s = count_file(path)
        report(path, s)
        total += s.words
    end
    println(Core.stdout, "total: ", total)
    return 0
end
