# Named finalizers, inline or in an inner constructor, are in Julia's Trimmability test.
mutable struct Handle
    ptr::Ptr{Cvoid}
    function Handle(p::Ptr{Cvoid})
        h = new(p)
        finalizer(release!, h)  # label: TRIM306 none
        return h
    end
end

release!(h::Handle) = (h.ptr = C_NULL; nothing)

function (@main)(args)
    h = Handle(C_NULL)
    println(Core.stdout, h.ptr == C_NULL)
    return 0
end
