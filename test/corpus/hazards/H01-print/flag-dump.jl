struct Settings
    depth::Int
    name::String
end

function (@main)(args)
    dump(Settings(2, "x"))  # label: TRIM101 error
    return 0
end
