# Ipopt PR #478: Any[v...] became Core._apply_iterate(Base.iterate, Base.getindex, ...).
function boxed(v::Vector{Int})
    return Any[v...]  # label: TRIM301 error
end

function (@main)(args)
    println(Core.stdout, length(boxed([1, 2])))
    return 0
end
