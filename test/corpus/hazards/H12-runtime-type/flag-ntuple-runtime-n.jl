first_n(v::Vector{Int}, n::Int) = ntuple(i -> v[i], n)  # label: TRIM207 warning

function (@main)(args)
    t = first_n([1, 2, 3, 4], length(args))
    println(Core.stdout, sum(t))
    return 0
end
