# AutoRIFT: open(f, path, mode) goes through Vararg{String} and _apply_iterate (3 errors).
function save(path::String, text::String)
    open(path, "w") do io  # label: TRIM307 warning
        write(io, text)
    end
    return nothing
end

function (@main)(args)
    save("out.txt", "data")
    return 0
end
