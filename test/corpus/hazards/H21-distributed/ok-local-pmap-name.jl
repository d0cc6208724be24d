# A project function that happens to be called pmap.
pmap(f::F, xs::Vector{Int}) where {F} = [f(x) for x in xs]

function (@main)(args)
    println(Core.stdout, sum(pmap(x -> 2x, [1, 2, 3])))  # label: TRIM502 none
    return 0
end
