module MiniMPI

const initialized = Ref(false)
const init_hooks = Any[]  # label: TRIM204|TRIM203 warning ~hooks

add_init_hook!(f) = push!(init_hooks, f)

function Init()
    ccall((:MPI_Init, "libmpi.so.40"), Cint, (Ptr{Cvoid}, Ptr{Cvoid}), C_NULL, C_NULL)
    initialized[] = true
    for f in init_hooks
        f()  # label: TRIM204|TRIM203 warning ~hooks
    end
    return nothing
end

add_init_hook!(() -> nothing)

function (@main)(args::Vector{String})
    Init()
    println(Core.stdout, initialized[])
    return 0
end

end

import .MiniMPI.main
