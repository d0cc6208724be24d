struct ResetCounter
    target::Base.RefValue{Int}
end
(r::ResetCounter)() = (r.target[] = 0; nothing)

struct Announce
    name::String
end
(a::Announce)() = (println(Core.stdout, "init: ", a.name); nothing)

const COUNTER = Ref(5)
const HOOKS = (ResetCounter(COUNTER), Announce("comm"))

function run_hooks(hooks::Tuple)
    for h in hooks
        h()
    end
    return nothing
end

function (@main)(args::Vector{String})
    run_hooks(HOOKS)
    println(Core.stdout, COUNTER[])
    return 0
end
