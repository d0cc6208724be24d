# Without JuliaC's patch: "trim verification not yet implemented for builtin Core.invokelatest";
# with it, the call silently loses world-age semantics.
handler(x::Int) = x + 1

function (@main)(args)
    y = Base.invokelatest(handler, 41)  # label: TRIM305|TRIM401 warning
    z = Base.@invokelatest handler(y)  # label: TRIM305|TRIM401 warning
    println(Core.stdout, z)
    return 0
end
