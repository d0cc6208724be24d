mutable struct Options
    depth::Int
    label::String
end

function apply!(o::Options, key::String, value::String)
    setproperty!(o, Symbol(key), value)  # label: TRIM402 warning
    return o
end

function (@main)(args)
    o = apply!(Options(1, "x"), "label", "y")
    println(Core.stdout, o.label)
    return 0
end
