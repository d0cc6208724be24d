function lookup(d::Dict{String,Any}, key::String)
    return d[key]::Int  # label: TRIM205 none
end

function (@main)(args)
    d = Dict{String,Any}("n" => 3)
    println(Core.stdout, lookup(d, "n") + 1)
    return 0
end
