# JuliaC's deliberately untrimmable test program.
function (@main)(args)
    x = Base.inferencebarrier(1)  # label: TRIM305 error ~x
    println(Core.stdout, x + x)  # label: TRIM305 error ~x
    return 0
end
