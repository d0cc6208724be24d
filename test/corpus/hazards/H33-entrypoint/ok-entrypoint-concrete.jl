# Legitimate roots: a concrete signature at top level, and a callable struct for a task.
struct Job
    n::Int
end
(j::Job)() = j.n * 2

worker(n::Int) = n + 1

Base.Experimental.entrypoint(worker, (Int,))  # label: TRIM705 none
Base.Experimental.entrypoint(Tuple{Job})  # label: TRIM705 none

function (@main)(args)
    println(Core.stdout, worker(1), " ", Job(2)())
    return 0
end
