struct Fixed{N}
    data::Vector{Int}
end

head(f::Fixed{N}) where {N} = ntuple(i -> f.data[i], Val(N))  # label: TRIM207 none

function (@main)(args)
    println(Core.stdout, sum(head(Fixed{2}([5, 6, 7]))))
    return 0
end
