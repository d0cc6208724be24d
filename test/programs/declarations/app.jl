# Declaration findings: a struct used in reachable code keeps its finding; one nothing reachable
# constructs or reads is a hint.

struct Job
    payload  # expect: TRIM201 warning
    id::Int
end

struct Legacy
    data::AbstractVector  # expect: TRIM201 hint
end

make_legacy() = Legacy([1])

function (@main)(args)
    j = Job("x", 1)
    println(Core.stdout, j.id)
    return 0
end
