function (@main)(args::Vector{Any})  # label: TRIM701 error
    println(Core.stdout, length(args))
    return 0
end
