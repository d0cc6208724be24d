# Accessors generated at build time with a top-level @eval loop.
struct Settings
    width::Int
    height::Int
end

for f in (:width, :height)
    @eval $(Symbol("get_", f))(s::Settings) = getfield(s, $(QuoteNode(f)))  # label: TRIM402 none
end

function (@main)(args)
    s = Settings(80, 24)
    println(Core.stdout, get_width(s) * get_height(s))
    return 0
end
