# julia#57830: [a..., b...] with vectors is Core._apply_iterate into vect.
merge_lists(a::Vector{Int}, b::Vector{Int}) = [a..., b...]  # label: TRIM301 error

function (@main)(args)
    println(Core.stdout, length(merge_lists([1], [2, 3])))
    return 0
end
