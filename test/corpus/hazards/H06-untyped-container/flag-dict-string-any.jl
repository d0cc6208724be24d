function settings()
    d = Dict{String,Any}()  # label: TRIM203 warning
    d["width"] = 80
    d["ratio"] = 0.5
    return d
end

function (@main)(args)
    s = settings()
    println(Core.stdout, s["width"] * s["ratio"])
    return 0
end
