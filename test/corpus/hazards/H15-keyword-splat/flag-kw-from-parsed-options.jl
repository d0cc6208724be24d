render(text::String; bold::Bool = false, width::Int = 10) = bold ? uppercase(text) : first(text, width)

function options_from(args::Vector{String})
    opts = Dict{Symbol,Any}()
    for a in args
        opts[Symbol(a)] = true
    end
    return opts
end

function (@main)(args)
    opts = options_from(args)
    println(Core.stdout, render("hi"; opts...))  # label: TRIM302 warning
    return 0
end
