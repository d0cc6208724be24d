struct Record
    id::Int
    name::String
end

function show_record(r::Record)
    a = r.id  # label: TRIM402 none
    b = getfield(r, :name)  # label: TRIM402 none
    c = getfield(r, 1)  # label: TRIM402 none
    println(Core.stdout, a, " ", b, " ", c)
    return nothing
end

function (@main)(args)
    show_record(Record(7, "seven"))
    return 0
end
