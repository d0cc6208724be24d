function write_rows(io, rows)
    for r in rows
        println(io, r)
    end
end

function write_summary(io::IO, n::Int)
    write_rows(io, ["total", string(n)])
end

function (@main)(args)
    write_rows(stdout, args)  # expect: TRIM101 error
    write_summary(stderr, length(args))  # expect: TRIM101 error
    buf = IOBuffer()
    write_rows(buf, args)
    write(Core.stdout, take!(buf))
    return 0
end
