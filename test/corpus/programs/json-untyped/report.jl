using JSON

load(path::String) = JSON.parse(read(path, String))

function describe(path::String)
    d = load(path)
    return "name=$(d["name"]) size=$(d["size"])"  # label: warning
end

function describe_narrowed(path::String)
    d = load(path)
    name = d["name"]
    name isa String || return "unnamed"
    return "name=$(name)"  # label: none
end

function (@main)(args::Vector{String})
    println(Core.stdout, describe(args[1]))
    println(Core.stdout, describe_narrowed(args[1]))
    return 0
end
