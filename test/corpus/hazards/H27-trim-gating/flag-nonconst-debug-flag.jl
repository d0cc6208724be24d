DEBUG = false

function step(i::Int)
    if DEBUG  # label: TRIM704 warning, TRIM202 error
        println(Core.stdout, "step ", i)
    end
    return i + 1
end

function (@main)(args)
    println(Core.stdout, step(1))
    return 0
end
