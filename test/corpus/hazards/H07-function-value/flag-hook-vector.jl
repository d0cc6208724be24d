# MPI.jl#931: hooks kept in an untyped vector, called at start-up.
const INIT_HOOKS = Any[]

add_hook!(f) = push!(INIT_HOOKS, f)

function run_hooks()
    for hook in INIT_HOOKS
        hook()  # label: TRIM204|TRIM203 warning
    end
    return nothing
end

add_hook!(() -> nothing)

function (@main)(args)
    run_hooks()
    return 0
end
