# Splatting a generator: "unresolved argument to call" (not an Array or Tuple).
function joined(xs::Vector{Int})
    return string((x^2 for x in xs)...)  # label: TRIM301 error
end

function (@main)(args)
    println(Core.stdout, joined([1, 2, 3]))
    return 0
end
