# A NamedTuple literal of concrete values has a concrete type.
plot_size(; width::Int = 80, height::Int = 24) = width * height

const DEFAULTS = (width = 120, height = 40)

function (@main)(args)
    println(Core.stdout, plot_size(; DEFAULTS...))  # label: TRIM302 none
    return 0
end
