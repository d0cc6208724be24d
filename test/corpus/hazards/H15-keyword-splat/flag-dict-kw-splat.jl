# Discourse 133201: keyword arguments splatted from a run-time dictionary.
struct Solver
    tol::Float64
    maxiter::Int
end
Solver(; tol::Float64 = 1e-6, maxiter::Int = 100) = Solver(tol, maxiter)

make(cfg::Dict{Symbol,Any}) = Solver(; cfg...)  # label: TRIM302 warning

function (@main)(args)
    s = make(Dict{Symbol,Any}(:tol => 1e-3))
    println(Core.stdout, s.maxiter)
    return 0
end
