function (@main)(args)
    n = length(args)
    @show n  # label: TRIM101 error
    return 0
end
