function print_string(p::Ptr{Cvoid})
    println(Core.stdout, unsafe_string(Ptr{UInt8}(p)))
    return nothing
end

function (@main)(args)
    cb = @cfunction(print_string, Cvoid, (Ptr{Cvoid},))  # label: TRIM602 none
    ccall(cb, Cvoid, (Ptr{Cvoid},), pointer("hello"))
    return 0
end
