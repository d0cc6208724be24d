module Meters

using Distributed  # label: TRIM502 error

const IN_NOTEBOOK = Ref(false)

mutable struct Progress
    n::Int
    counter::Int
    dt::Real  # label: TRIM201 warning ~dt
    tlast::Float64
    output::IO  # label: TRIM201 warning ~out
end

Progress(n::Int; dt::Real = 0.1, output::IO = stderr) = Progress(n, 0, dt, 0.0, output)  # label: TRIM101 error

include("draw.jl")

function update!(p::Progress, counter::Int)
    p.counter = counter
    t = time()
    if t > p.tlast + p.dt  # label: TRIM201 warning ~dt
        printover(p.output, bar(p))  # label: TRIM201 warning ~out
        p.tlast = t
    end
    return nothing
end

function finish!(p::Progress)
    print(p.output, "\n"^2)  # label: TRIM307 warning, TRIM201 warning ~out
    @info "done" p.n  # label: TRIM103 warning
    return nothing
end

function __init__()
    IN_NOTEBOOK[] = isdefined(Main, :IJulia)  # label: TRIM702 warning
end

function (@main)(args::Vector{String})
    p = Progress(10; dt = 0.5)
    for i in 1:10
        update!(p, i)
    end
    finish!(p)
    return 0
end

end
