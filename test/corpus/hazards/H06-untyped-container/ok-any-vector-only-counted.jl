# An Any container that is only built and counted never dispatches on its elements.
function count_items(n::Int)
    items = Any[]  # label: TRIM203 none
    for i in 1:n
        push!(items, i)
    end
    return length(items)
end

function (@main)(args)
    println(Core.stdout, count_items(3))
    return 0
end
