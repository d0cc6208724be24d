function save_values(path::String, data::Vector{Float64})
    io = open(path, "w")
    try
        for v in data
            println(io, v)  # label: TRIM101 none
        end
    finally
        close(io)
    end
    return nothing
end
