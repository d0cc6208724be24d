mk(T, n::Int) = zeros(T, n)  # label: TRIM303 warning

function (@main)(args)
    v = mk(Float64, 3)
    println(Core.stdout, length(v))
    return 0
end
