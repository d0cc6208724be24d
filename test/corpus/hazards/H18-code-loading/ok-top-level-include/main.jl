include("helpers.jl")  # label: TRIM401 none

function (@main)(args)
    println(Core.stdout, helper(1))
    return 0
end
