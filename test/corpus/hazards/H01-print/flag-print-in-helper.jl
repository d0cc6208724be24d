# The print sits in a helper that @main calls.
function report(total::Int)
    print("total: ", total, "\n")  # label: TRIM101 error
    return nothing
end

function (@main)(args)
    report(sum(length, args))
    return 0
end
