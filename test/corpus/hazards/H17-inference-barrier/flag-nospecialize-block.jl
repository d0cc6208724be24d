# FFTW's @nospecialize plan argument broke trimming (FFTW.jl#319).
abstract type Plan end
struct ForwardPlan <: Plan
    n::Int
end
execute(p::ForwardPlan, x::Vector{Float64}) = x .* p.n

function run_plan(p::Plan, x::Vector{Float64})
    @nospecialize p  # label: TRIM305 error ~p
    return execute(p, x)  # label: TRIM305 error ~p
end

function (@main)(args)
    println(Core.stdout, sum(run_plan(ForwardPlan(2), [1.0, 2.0])))
    return 0
end
