abstract type Projection end

struct Mercator <: Projection end

struct Polar <: Projection
    lat0::Float64
end

forward(::Mercator, lon::Float64, lat::Float64) = (lon, log(tan(pi / 4 + lat / 2)))
forward(p::Polar, lon::Float64, lat::Float64) = (lon * cos(p.lat0), lat - p.lat0)

function with_projection(k::K, code::Int) where {K}
    if code == 3395
        return k(Mercator())
    elseif code == 3413
        return k(Polar(deg2rad(70.0)))
    else
        error("unsupported projection code")
    end
end

with_float_type(k::K, single::Bool) where {K} = single ? k(Val(Float32)) : k(Val(Float64))

function transform!(out::Vector{T}, proj::P, lons::Vector{Float64}, lats::Vector{Float64}) where {T,P<:Projection}
    for i in eachindex(out, lons, lats)
        x, y = forward(proj, lons[i], lats[i])
        out[i] = T(x + y)
    end
    return out
end

function total_for(::Val{T}, proj::P, lons::Vector{Float64}, lats::Vector{Float64}) where {T,P<:Projection}
    out = Vector{T}(undef, length(lons))
    return Float64(sum(transform!(out, proj, lons, lats)))
end

function run(code::Int, single::Bool, lons::Vector{Float64}, lats::Vector{Float64})
    return with_projection(code) do proj
        with_float_type(single) do v
            total_for(v, proj, lons, lats)
        end
    end
end

function (@main)(args::Vector{String})
    code = parse(Int, get(args, 1, "3395"))
    single = get(args, 2, "") == "f32"
    println(Core.stdout, run(code, single, [0.1, 0.2], [0.3, 0.4]))
    return 0
end
