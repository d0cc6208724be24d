include("util/format.jl")

function (@main)(args)
    println(Core.stdout, format_count(length(args)))
    show_count(length(args))
    return 0
end
