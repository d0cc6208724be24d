# args... forwarded from a vararg parameter is specialised on the caller's tuple.
inner(a::Int, b::Int) = a + b
wrap(args...) = inner(args...)  # label: TRIM301 none

function (@main)(args)
    println(Core.stdout, wrap(1, 2))
    return 0
end
