Base.@kwdef struct Config
    name::String = "app"
    level = 1  # label: TRIM201 warning ~level
end

function (@main)(args)
    c = Config()
    println(Core.stdout, c.name, " ", c.level + 1)  # label: TRIM205|TRIM208 warning ~level
    return 0
end
