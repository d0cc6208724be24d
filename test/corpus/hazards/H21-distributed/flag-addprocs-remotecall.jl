using Distributed  # label: TRIM502 error

function (@main)(args)
    addprocs(2)  # label: TRIM502 error
    f = remotecall(sum, 2, 1:10)  # label: TRIM502 error
    println(Core.stdout, fetch(f))
    return 0
end
