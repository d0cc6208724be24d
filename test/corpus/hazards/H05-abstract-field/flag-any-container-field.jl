struct Options
    extras::Dict{String,Any}  # label: TRIM201|TRIM203 warning
end

function threads(o::Options)
    return get(o.extras, "threads", 1) + 1
end

function (@main)(args)
    o = Options(Dict{String,Any}("threads" => 4))
    println(Core.stdout, threads(o))
    return 0
end
