# Trim-safe patterns from third-party trim workloads (HTTP.jl, JSON.jl, AutoRIFT, FastGeoProjections).

struct Request
    method::String
    path::String
end

struct Config
    verbose::Bool
    level::Int
end

function parse_request(line::String)::Request
    parts = split(line, ' ')
    length(parts) >= 2 || error("malformed request line")
    return Request(String(parts[1]), String(parts[2]))
end

function read_matrix(path::String)
    io = open(path, "r")
    try
        m = Matrix{Float32}(undef, 2, 2)
        read!(io, m)
        return m
    finally
        close(io)
    end
end

function with_level(k::K, level::Int) where {K}
    level == 1 && return k(Val(1))
    return k(Val(2))
end

function describe_error(err)
    msg = err isa ArgumentError ? (err::ArgumentError).msg : ""
    return msg
end

function (@main)(args::Vector{String})::Cint
    req = parse_request(get(args, 1, "GET /"))
    cfg = Config(length(args) > 1, 1)
    println(Core.stdout, req.method, " ", req.path, " ", cfg.level)
    run_logging("app.log")
    r = with_level(v -> 1, cfg.level)
    write(Core.stdout, string(r), "\n")
    try
        read_matrix("data.bin")
    catch e
        println(Core.stderr, describe_error(e))
    end
    return 0
end

Base.Experimental.entrypoint(main, (Vector{String},))
