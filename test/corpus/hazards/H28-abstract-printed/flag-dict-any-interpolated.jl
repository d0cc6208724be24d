# Ipopt: unresolved call from statement Base.string("`", φ ()::Any, ...).
label(d::Dict{String,Any}) = "name=$(d["name"])"  # label: TRIM208 warning

function (@main)(args)
    d = Dict{String,Any}("name" => "x")  # label: TRIM203 warning
    println(Core.stdout, label(d))
    return 0
end
