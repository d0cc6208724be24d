dims(::Val{N}) where {N} = N

function (@main)(args)
    a = dims(Val(3))  # label: TRIM207 none
    t = ntuple(i -> i^2, Val(4))  # label: TRIM207 none
    u = ntuple(i -> 2i, 3)  # label: TRIM207 none
    println(Core.stdout, a + sum(t) + sum(u))
    return 0
end
