# HTTP.jl's write-up: a package-local function used as Task(f) failed at run time on 1.12.5.
function serve()
    return nothing
end

function (@main)(args)
    t = Task(serve)  # label: TRIM501 warning
    schedule(t)
    wait(t)
    return 0
end
