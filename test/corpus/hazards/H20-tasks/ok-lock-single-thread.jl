const LOCK = ReentrantLock()
const TOTAL = Ref(0)

function add!(n::Int)
    lock(LOCK) do  # label: TRIM501 none
        TOTAL[] += n
    end
    return TOTAL[]
end

function (@main)(args)
    println(Core.stdout, add!(3))
    return 0
end
