g(::Val{N}) where {N} = N * 10

function pick(n::Int)
    return n == 2 ? g(Val(2)) : n == 3 ? g(Val(3)) : error("unsupported size")  # label: TRIM207 none
end

function (@main)(args)
    println(Core.stdout, pick(2))
    return 0
end
