function render(values::Vector{Int})
    io = IOBuffer()
    for v in values
        print(io, v, ";")  # label: TRIM101 none
    end
    return String(take!(io))
end

function (@main)(args)
    println(Core.stdout, render([1, 2, 3]))
    return 0
end
