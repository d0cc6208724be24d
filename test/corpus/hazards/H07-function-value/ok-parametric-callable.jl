# A function-typed type parameter keeps the call concrete.
struct Op{F}
    f::F
end

run(op::Op, x::Float64) = op.f(x)  # label: TRIM204 none

function (@main)(args)
    println(Core.stdout, run(Op(sqrt), 16.0))
    return 0
end
