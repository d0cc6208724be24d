# AutoRIFT and a solver registry: constructors looked up by Symbol in a Dict{Symbol,Any}.
struct Newton
    tol::Float64
end
struct Bisection
    tol::Float64
end

const SOLVERS = Dict{Symbol,Any}(:newton => Newton, :bisection => Bisection)

make_solver(name::Symbol, tol::Float64) = SOLVERS[name](tol)  # label: TRIM204 warning

function (@main)(args)
    s = make_solver(Symbol(args[1]), 1e-6)
    println(Core.stdout, s isa Newton ? "newton" : "bisection")
    return 0
end
