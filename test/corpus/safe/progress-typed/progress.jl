mutable struct Progress{O<:IO}
    output::O
    total::Int
    done::Int
    dt::Float64
    last::Float64
end

Progress(output::O, total::Int) where {O<:IO} = Progress{O}(output, total, 0, 0.1, 0.0)

function draw(p::Progress)
    width = 20
    filled = div(p.done * width, max(p.total, 1))
    write(p.output, "\r[")
    for i in 1:width
        write(p.output, i <= filled ? '#' : ' ')
    end
    write(p.output, "] ")
    print(p.output, p.done, "/", p.total)
    return nothing
end

function next!(p::Progress, now::Float64)
    p.done += 1
    if now - p.last >= p.dt || p.done == p.total
        draw(p)
        p.last = now
    end
    return nothing
end

function finish!(p::Progress)
    write(p.output, "\e[32m done\e[0m\n")
    return nothing
end

function (@main)(args::Vector{String})
    p = Progress(Core.stdout, 5)
    for i in 1:5
        next!(p, Float64(i))
    end
    finish!(p)
    return 0
end
