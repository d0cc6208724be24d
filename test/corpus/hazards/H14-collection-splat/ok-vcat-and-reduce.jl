# The fixes: vcat, append!, reduce; hcat/cat are in Julia's Trimmability test.
function combine(a::Vector{Int}, b::Vector{Int})
    c = vcat(a, b)  # label: TRIM301 none
    d = append!(copy(a), b)
    m = hcat(a, a)  # label: TRIM301 none
    return reduce(+, c) + sum(d) + sum(m)  # label: TRIM301 none
end

function (@main)(args)
    println(Core.stdout, combine([1, 2], [3]))
    return 0
end
