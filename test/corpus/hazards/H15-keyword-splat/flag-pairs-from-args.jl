plot_size(; width::Int = 80, height::Int = 24) = width * height

function (@main)(args)
    kw = [Symbol(a) => 10 for a in args]
    println(Core.stdout, plot_size(; kw...))  # label: TRIM302 warning
    return 0
end
