# The closure assigns only its own local; nothing outer is captured and reassigned.
function bumped(xs::Vector{Int})
    return map(xs) do x
        y = x + 1  # label: TRIM206 none
        y = y * 2
        y
    end
end

function (@main)(args)
    println(Core.stdout, sum(bumped([1, 2])))
    return 0
end
