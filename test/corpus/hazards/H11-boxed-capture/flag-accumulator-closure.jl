# A captured variable that is reassigned becomes a Core.Box with Any contents.
function total(xs::Vector{Int})
    n = 0  # label: TRIM206 warning ~n
    foreach(x -> (n += x), xs)  # label: TRIM206 warning ~n
    return n
end

function (@main)(args)
    println(Core.stdout, total([1, 2, 3]))
    return 0
end
