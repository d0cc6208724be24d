function work(n::Int)
    return n * 2
end

function (@main)(args)
    t = @async work(21)  # label: TRIM501 warning
    println(Core.stdout, fetch(t))
    return 0
end
