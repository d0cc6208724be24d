function call_named(name::String, x::Float64)
    return ccall((Symbol(name), "libm"), Cdouble, (Cdouble,), x)  # label: TRIM601 error
end

function (@main)(args)
    println(Core.stdout, call_named("cos", 0.0))
    return 0
end
