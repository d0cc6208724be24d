# The body calls f itself, so Julia specialises on it.
function apply_each(f, xs::Vector{Float64})  # label: TRIM303 none
    out = similar(xs)
    for i in eachindex(xs)
        out[i] = f(xs[i])
    end
    return out
end

function (@main)(args)
    println(Core.stdout, sum(apply_each(abs, [-1.0, 2.0])))
    return 0
end
