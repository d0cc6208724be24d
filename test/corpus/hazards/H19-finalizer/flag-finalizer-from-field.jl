mutable struct Resource
    id::Int
    cleanup::Function  # label: TRIM201 warning
end

function open_resource(id::Int)
    r = Resource(id, r -> nothing)
    finalizer(r.cleanup, r)  # label: TRIM306 warning
    return r
end

function (@main)(args)
    r = open_resource(1)
    println(Core.stdout, r.id)
    return 0
end
