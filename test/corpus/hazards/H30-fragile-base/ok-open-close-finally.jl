# The AutoRIFT fix: open(path, mode) with try/finally close instead of the do-block form.
function save(path::String, text::String)
    io = open(path, "w")  # label: TRIM307 none
    try
        write(io, text)
    finally
        close(io)
    end
    return nothing
end

function (@main)(args)
    save("out.txt", "data")
    return 0
end
