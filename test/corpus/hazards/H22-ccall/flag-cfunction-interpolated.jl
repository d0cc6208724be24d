# "unresolved cfunction" when the callback is a run-time value.
function register(cb::Function)
    ptr = @cfunction($cb, Cint, (Cint,))  # label: TRIM602 error
    return ptr
end

function (@main)(args)
    register(x -> x + Cint(1))
    return 0
end
