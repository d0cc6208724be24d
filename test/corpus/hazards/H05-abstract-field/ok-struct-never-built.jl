# LegacyRecord is declared but never built or read by anything @main reaches.
struct LegacyRecord
    payload  # label: TRIM201 none
    source::AbstractString  # label: TRIM201 none
end

function (@main)(args)
    println(Core.stdout, length(args))
    return 0
end
