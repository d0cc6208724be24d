function producer(ch::Channel{Int})
    for i in 1:3
        put!(ch, i)
    end
end

function (@main)(args)
    ch = Channel{Int}(producer)  # label: TRIM501 warning
    println(Core.stdout, sum(ch))
    return 0
end
