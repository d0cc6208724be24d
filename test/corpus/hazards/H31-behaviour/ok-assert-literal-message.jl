function checked(n::Int)
    @assert n > 0 "n must be positive"  # label: TRIM801 none
    @assert n < 100  # label: TRIM801 none
    return n
end

function (@main)(args)
    println(Core.stdout, checked(length(args) + 1))
    return 0
end
