function grid(rank::Int)
    A = Array{Float64}(undef, ntuple(_ -> 2, rank))  # label: TRIM207 warning
    fill!(A, 1.0)
    return sum(A)
end

function (@main)(args)
    println(Core.stdout, grid(length(args) + 1))
    return 0
end
