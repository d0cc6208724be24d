# Streams held in typed fields and passed through untyped parameters: explicit concrete IO.

struct FileLog
    stream::IOStream
    prefix::String
end

function logline(l::FileLog, msg::String)
    println(l.stream, l.prefix, msg)
    flush(l.stream)
end

function write_rows(w, rows::Vector{String})
    for r in rows
        println(w, r)
    end
end

function run_logging(path::String)
    l = FileLog(open(path, "a"), "[app] ")
    logline(l, "started")
    b = IOBuffer()
    write_rows(b, ["x", "y"])
    write(Core.stdout, take!(b))
    close(l.stream)
end
