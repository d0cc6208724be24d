function label(d::Dict{String,Any})
    name = d["name"]::String
    return "name=$(name)"  # label: TRIM208 none
end

function show_value(v)
    if v isa Int
        println(Core.stdout, "int ", v)  # label: TRIM208 none
    elseif v isa String
        println(Core.stdout, "string ", v)  # label: TRIM208 none
    end
end

function (@main)(args)
    println(Core.stdout, label(Dict{String,Any}("name" => "x")))
    for v in Any[1, "a"]
        show_value(v)
    end
    return 0
end
