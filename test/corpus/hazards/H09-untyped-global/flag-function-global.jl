transform = x -> 2x

function (@main)(args)
    println(Core.stdout, transform(21))  # label: TRIM202 error
    return 0
end
