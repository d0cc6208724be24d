function define_constant(name::String)
    Core.eval(Main, Expr(:const, Expr(:(=), Symbol(name), 1)))  # label: TRIM401 warning
    return nothing
end

function (@main)(args)
    define_constant("X")
    return 0
end
