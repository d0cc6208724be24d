struct Oracle{F,G}
    objective::F
    gradient!::G
end

struct Problem{O<:Oracle}
    oracle::O
    n::Int
    x::Vector{Float64}
end

rosen(x::Vector{Float64}) = (1 - x[1])^2 + 100 * (x[2] - x[1]^2)^2

function rosen_grad!(g::Vector{Float64}, x::Vector{Float64})
    g[1] = -2 * (1 - x[1]) - 400 * x[1] * (x[2] - x[1]^2)
    g[2] = 200 * (x[2] - x[1]^2)
    return g
end

function step!(p::Problem, rate::Float64)
    g = zeros(p.n)
    p.oracle.gradient!(g, p.x)
    for i in 1:p.n
        p.x[i] -= rate * g[i]
    end
    return p.oracle.objective(p.x)
end

function c_objective(n::Cint, x::Ptr{Cdouble})::Cdouble
    v = unsafe_wrap(Array, x, Int(n))
    return rosen(v)
end

function (@main)(args::Vector{String})
    p = Problem(Oracle(rosen, rosen_grad!), 2, [0.0, 0.0])
    f = 0.0
    for _ in 1:100
        f = step!(p, 1e-3)
    end
    cb = @cfunction(c_objective, Cdouble, (Cint, Ptr{Cdouble}))
    g = ccall(cb, Cdouble, (Cint, Ptr{Cdouble}), Cint(2), p.x)
    println(Core.stdout, f, " ", g)
    return 0
end
