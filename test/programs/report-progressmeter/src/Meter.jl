module Meter

# ProgressMeter.jl PR #367: an `output::IO` field defaulting to stderr, and printstyled.

mutable struct Progress
    n::Int
    counter::Int
    output::IO
end

Progress(n::Int; output::IO = stderr) = Progress(n, 0, output)  # expect: TRIM101 error

function next!(p::Progress)
    p.counter += 1
    print(p.output, "\r", p.counter, "/", p.n)
    p.counter == p.n && printstyled(p.output, " done\n"; color = :green)
    return nothing
end

function (@main)(args)
    p = Progress(3)
    for _ in 1:3
        next!(p)
    end
    printstyled("finished\n"; color = :green)  # expect: TRIM101 error
    return 0
end

end
