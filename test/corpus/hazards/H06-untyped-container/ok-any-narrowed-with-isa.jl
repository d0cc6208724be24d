# JSON.jl's trim workload: elements of an Any container narrowed with isa before use.
function describe(values::Vector{Any})
    n = 0
    for v in values  # label: TRIM203 none
        if v isa Int
            n += v
        elseif v isa String
            n += length(v)
        end
    end
    return n
end

function (@main)(args)
    vals = Any[1, "two", 3]  # label: TRIM203 none
    println(Core.stdout, describe(vals))
    return 0
end
