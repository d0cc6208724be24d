# kwargs... forwarded from a caller that passes literal keywords.
plot_size(; width::Int = 80, height::Int = 24) = width * height
area(; kw...) = plot_size(; kw...)  # label: TRIM302 none

function (@main)(args)
    println(Core.stdout, area(width = 100, height = 50))
    return 0
end
