function blank(n::Int)
    T = NTuple{n,Int}  # label: TRIM207 warning ~nt
    return T(ntuple(zero, n))  # label: TRIM207 warning ~nt
end

function (@main)(args)
    println(Core.stdout, length(blank(length(args) + 1)))
    return 0
end
