include("a.jl")
include("missing.jl")

function (@main)(args)
    from_a(args)
    return 0
end
