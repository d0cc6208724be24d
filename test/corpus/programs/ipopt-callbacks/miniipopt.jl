module MiniIpopt

mutable struct IpoptProblem
    n::Int
    x::Vector{Float64}
    eval_f::Function  # label: TRIM201 warning ~f
    eval_grad_f::Function  # label: TRIM201 warning ~g
    options::Dict{String,Any}  # label: TRIM201|TRIM203 warning ~opts
end

objective(prob::IpoptProblem) = prob.eval_f(prob.x)  # label: TRIM204 warning ~f

function gradient!(prob::IpoptProblem, g::Vector{Float64})
    prob.eval_grad_f(g, prob.x)  # label: TRIM204 warning ~g
    return g
end

function add_option(name::String, value::Integer)
    return ccall((:AddIpoptIntOption, "libipopt.so"), Cint, (Ptr{Cvoid}, Cstring, Cint), C_NULL, name, value)
end

function apply_options!(prob::IpoptProblem)
    for (k, v) in prob.options
        if v isa Integer
            add_option(k, v)  # label: warning ~opts
        else
            error("Ipopt: unsupported option $(k) = $(v)")  # label: TRIM208 warning
        end
    end
    return nothing
end

variable_list(prob::IpoptProblem) = Any[prob.x...]  # label: TRIM301 error

function register_callbacks(prob::IpoptProblem)
    f = (p::Ptr{Cdouble}) -> prob.eval_f(unsafe_wrap(Array, p, prob.n))::Float64  # label: TRIM204 warning ~f
    return @cfunction($f, Cdouble, (Ptr{Cdouble},))  # label: TRIM602 error
end

function (@main)(args::Vector{String})
    opts = Dict{String,Any}("max_iter" => 100)  # label: TRIM204|TRIM203 warning ~opts
    prob = IpoptProblem(2, [1.0, 2.0], x -> sum(abs2, x), (g, x) -> (g .= 2 .* x), opts)
    apply_options!(prob)
    println(Core.stdout, objective(prob)::Float64, " ", length(variable_list(prob)))
    gradient!(prob, zeros(2))
    register_callbacks(prob)
    return 0
end

end

import .MiniIpopt.main
