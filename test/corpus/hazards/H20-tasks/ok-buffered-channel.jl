# A Channel without a task function is just a queue.
function (@main)(args)
    ch = Channel{Int}(4)  # label: TRIM501 none
    put!(ch, 1)
    put!(ch, 2)
    close(ch)
    println(Core.stdout, sum(ch))
    println(Core.stdout, Threads.nthreads())  # label: TRIM501 none
    return 0
end
