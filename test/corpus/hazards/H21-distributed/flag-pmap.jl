using Distributed  # label: TRIM502 error

function (@main)(args)
    s = sum(pmap(x -> x^2, 1:4))  # label: TRIM502 error
    println(Core.stdout, s)
    return 0
end
