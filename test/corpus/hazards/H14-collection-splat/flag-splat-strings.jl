function banner(parts::Vector{String})
    return string(parts...)  # label: TRIM301 error
end

function (@main)(args)
    println(Core.stdout, banner(args))
    return 0
end
