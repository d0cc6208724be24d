function line(values::Vector{Float64})
    io = IOBuffer()
    for (i, v) in enumerate(values)
        print(io, i, "=", v, "; ")  # label: TRIM304 none
    end
    return String(take!(io))
end

function (@main)(args)
    println(Core.stdout, line([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))
    return 0
end
