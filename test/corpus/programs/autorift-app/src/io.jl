function read_image(path::String, n::Int)
    img = Matrix{Float32}(undef, n, n)
    open(path, "r") do io  # label: TRIM307 warning
        read!(io, img)
    end
    return img
end
