# A const flag is folded by inference; the dead branch is not compiled.
const DEBUG = false

function step(i::Int)
    if DEBUG  # label: TRIM704 none
        println(Core.stdout, "step ", i)
    end
    return i + 1
end

function (@main)(args)
    println(Core.stdout, step(1))
    return 0
end
