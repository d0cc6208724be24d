mutable struct Counter
    n::Int
end

const FREED = Ref(0)

function make_counter()
    c = Counter(0)
    finalizer(c) do x  # label: TRIM306 none
        FREED[] += x.n
    end
    return c
end

function (@main)(args)
    c = make_counter()
    c.n += 1
    GC.gc()
    println(Core.stdout, c.n)
    return 0
end
