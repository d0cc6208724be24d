# H04: @printf without an IO prints to stdout.
using Printf

function (@main)(args)
    @printf("%d items\n", length(args))  # label: TRIM101 error
    return 0
end
