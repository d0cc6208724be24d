# The result of the barrier is narrowed back to a concrete type before use.
function (@main)(args)
    x = Base.inferencebarrier(1)::Int  # label: TRIM305 none
    println(Core.stdout, x + x)  # label: TRIM305 none
    return 0
end
