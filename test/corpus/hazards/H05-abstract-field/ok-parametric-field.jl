# Type parameters make each instance concrete.
struct Meter{O<:IO}
    output::O  # label: TRIM201 none
    dt::Float64
end

struct Wrapper{T}
    value::T  # label: TRIM201 none
end

function (@main)(args)
    m = Meter(Core.stdout, 0.5)
    print(m.output, Wrapper(3).value * m.dt, "\n")
    return 0
end
