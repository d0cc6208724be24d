module JsonConfig

using JSON

struct Limits
    min::Int
    max::Int
end

struct Config
    name::String
    threads::Int
    limits::Limits
end

load_config(text::String) = JSON.parse(text, Config)
read_tags(text::String) = JSON.parse(text, Vector{String})

function describe_value(v)
    if v isa String
        return v
    elseif v isa Int
        return string(v)
    else
        return "?"
    end
end

function (@main)(args::Vector{String})
    cfg = load_config("""{"name": "demo", "threads": 4, "limits": {"min": 1, "max": 9}}""")
    tags = read_tags("""["a", "b"]""")
    println(Core.stdout, cfg.name, " ", cfg.threads, " ", cfg.limits.max - cfg.limits.min, " ", length(tags))
    println(Core.stdout, describe_value(length(tags)))
    return 0
end

Base.Experimental.entrypoint(main, (Vector{String},))

end
