struct Record
    id::Int
    name::String
    score::Float64
end

function dumpfields(r::Record)
    for n in fieldnames(Record)
        println(Core.stdout, n, " = ", getfield(r, n))  # label: TRIM402 warning
    end
    return nothing
end

function (@main)(args)
    dumpfields(Record(1, "a", 2.5))
    return 0
end
