# Ipopt PR #478: callbacks stored in a struct field typed ::Function.
struct Problem
    objective::Function  # label: TRIM201 warning
    n::Int
end

evaluate(p::Problem, x::Vector{Float64}) = p.objective(x)  # label: TRIM204 warning

function (@main)(args)
    p = Problem(x -> sum(abs2, x), 3)
    println(Core.stdout, evaluate(p, [1.0, 2.0, 3.0]))
    return 0
end
