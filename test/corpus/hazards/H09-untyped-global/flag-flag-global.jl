verbose = false

function report(x::Int)
    verbose && println(Core.stdout, x)  # label: TRIM202 error
    return x
end

function (@main)(args)
    report(length(args))
    return 0
end
