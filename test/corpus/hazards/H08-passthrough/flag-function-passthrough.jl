# Julia does not specialise on a Function argument that is only passed on (manual, "Be aware of when
# Julia avoids specializing"), so map runs with f::Function.
apply_all(f, xs::Vector{Float64}) = map(f, xs)  # label: TRIM303 warning

function (@main)(args)
    println(Core.stdout, sum(apply_all(sqrt, [1.0, 4.0])))
    return 0
end
