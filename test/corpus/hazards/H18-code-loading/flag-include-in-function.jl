function load_plugin(name::String)
    include(string(name, ".jl"))  # label: TRIM401 warning
    return nothing
end

function (@main)(args)
    load_plugin("extra")
    return 0
end
