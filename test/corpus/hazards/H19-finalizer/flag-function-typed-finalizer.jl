# "unresolved finalizer registered" when the finalizer's type is abstract.
mutable struct Handle
    ptr::Ptr{Cvoid}
end

track(h::Handle, f::Function) = finalizer(f, h)  # label: TRIM306|TRIM303 warning

release(h::Handle) = (h.ptr = C_NULL; nothing)

function (@main)(args)
    h = track(Handle(C_NULL), release)
    println(Core.stdout, h.ptr == C_NULL)
    return 0
end
