function count_lines(io::IO)
    n = 0
    while !eof(io)
        readline(io)
        n += 1
    end
    return n
end

function (@main)(args)
    println(Core.stdout, count_lines(Base.stdin))  # label: TRIM102 error
    return 0
end
