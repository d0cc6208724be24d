function (@main)(args)
    count = 0
    for line in eachline(stdin)  # label: TRIM102 error
        count += length(line)
    end
    println(Core.stdout, count)
    return 0
end
