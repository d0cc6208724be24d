# A closed if/elseif chain calls concrete functions in each branch.
function apply_op(op::String, a::Int, b::Int)
    if op == "add"
        return +(a, b)  # label: TRIM204 none
    elseif op == "mul"
        return *(a, b)  # label: TRIM204 none
    else
        error("unknown operator")
    end
end

function (@main)(args)
    println(Core.stdout, apply_op(args[1], 2, 3))
    return 0
end
