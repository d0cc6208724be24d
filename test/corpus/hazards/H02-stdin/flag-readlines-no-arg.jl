function (@main)(args)
    lines = readlines()  # label: TRIM102 error
    println(Core.stdout, length(lines))
    return 0
end
