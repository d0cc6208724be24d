dims(::Val{N}) where {N} = N

function (@main)(args)
    n = length(args)
    println(Core.stdout, dims(Val(n)))  # label: TRIM207 warning
    return 0
end
