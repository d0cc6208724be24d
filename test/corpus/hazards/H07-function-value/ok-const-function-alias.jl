const transform = sqrt

function (@main)(args)
    println(Core.stdout, transform(9.0))  # label: TRIM204 none
    return 0
end
