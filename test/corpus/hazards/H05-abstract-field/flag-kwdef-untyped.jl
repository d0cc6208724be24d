Base.@kwdef struct Config
    name::String = "app"
    level = 1  # label: TRIM201 warning
end

function (@main)(args)
    c = Config()
    println(Core.stdout, c.name, " ", c.level + 1)
    return 0
end
