const HANDLERS = Dict{String,Function}("add" => +, "mul" => *)

apply_op(op::String, a::Int, b::Int) = HANDLERS[op](a, b)  # label: TRIM204 warning

function (@main)(args)
    println(Core.stdout, apply_op(args[1], 2, 3))
    return 0
end
