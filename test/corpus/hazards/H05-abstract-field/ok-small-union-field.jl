# Small unions of concrete types are split by inference (TrimCheck.jl's TypeStable example).
struct Limit
    max::Union{Nothing,Int}  # label: TRIM201 none
    scale::Union{Float64,Int64}  # label: TRIM201 none
end

function apply(l::Limit, x::Int)
    y = l.max === nothing ? x : min(x, l.max)
    return y * l.scale
end

function (@main)(args)
    println(Core.stdout, apply(Limit(5, 2.0), 7))
    return 0
end
