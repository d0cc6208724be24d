# Julia specialises on a function argument that the body calls.
function apply_twice(f::Function, x::Int)
    return f(f(x))  # label: TRIM204 none
end

function (@main)(args)
    println(Core.stdout, apply_twice(x -> x + 1, 1))
    return 0
end
