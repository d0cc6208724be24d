abstract type Projection end

struct Mercator <: Projection end

struct Polar <: Projection
    lat0::Float64
end

forward(::Mercator, x::Float64) = 2x
forward(p::Polar, x::Float64) = x - p.lat0

const PROJECTIONS = Dict{Int,Any}(3395 => Mercator, 3413 => Polar)

function projection(code::Int)
    ctor = PROJECTIONS[code]
    return code == 3413 ? ctor(70.0) : ctor()  # label: TRIM204 warning ~reg
end

float_type(single::Bool) = single ? Float32 : Float64  # label: TRIM207 warning ~ft

function transform(code::Int, single::Bool, xs::Vector{Float64})
    proj = projection(code)
    T = float_type(single)
    out = Vector{T}(undef, length(xs))  # label: TRIM207 warning ~ft
    for i in eachindex(xs)
        out[i] = forward(proj, xs[i])  # label: TRIM204 warning ~reg, TRIM207 warning ~ft
    end
    return sum(out)::Float64  # label: TRIM207 warning ~ft
end

function (@main)(args::Vector{String})
    code = parse(Int, get(args, 1, "3395"))
    println(Core.stdout, transform(code, length(args) > 1, [1.0, 2.0]))
    return 0
end
