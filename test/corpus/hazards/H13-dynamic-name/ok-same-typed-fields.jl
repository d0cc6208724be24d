# Every field has the same concrete type, so the result of a computed getfield is concrete.
struct Vec3
    x::Float64
    y::Float64
    z::Float64
end

function norm1(v::Vec3)
    s = 0.0
    for n in fieldnames(Vec3)
        s += abs(getfield(v, n))  # label: TRIM402 none
    end
    return s
end

function (@main)(args)
    println(Core.stdout, norm1(Vec3(1.0, -2.0, 3.0)))
    return 0
end
