function load_config(path::String)
    io = open(path, "r")
    try
        return read(io, String)
    finally
        close(io)
    end
end

function report_done(cfg)
    println("done with ", length(cfg), " bytes")  # expect: TRIM101 error
end

function plot_debug(m)
    display(m)  # expect: TRIM101 hint
end
