# Only entrypoint calls executed while building count; this one runs in the binary.
worker(n::Int) = n * 2

function setup()
    Base.Experimental.entrypoint(worker, (Int,))  # label: TRIM705 warning
    return nothing
end

function (@main)(args)
    setup()
    println(Core.stdout, worker(2))
    return 0
end
