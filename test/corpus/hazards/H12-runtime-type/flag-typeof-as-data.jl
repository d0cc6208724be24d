function convert_like(template, x::Float64)
    T = typeof(template)
    return convert(T, x)
end

const TEMPLATES = Any[1, 1.0f0, 1.0]

function (@main)(args)
    t = TEMPLATES[length(args) + 1]
    println(Core.stdout, convert_like(t, 2.0))  # label: TRIM207|TRIM203|TRIM205 warning
    return 0
end
