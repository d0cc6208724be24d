struct Settings
    width::Int
    title::String
end

setting(s::Settings, key::String) = getproperty(s, Symbol(key))  # label: TRIM402 warning

function (@main)(args)
    s = Settings(80, "report")
    println(Core.stdout, setting(s, args[1]))
    return 0
end
