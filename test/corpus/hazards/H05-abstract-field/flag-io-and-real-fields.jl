# ProgressMeter: `output::IO` makes every print dynamic, `dt::Real` makes the arithmetic dynamic.
mutable struct Meter
    output::IO  # label: TRIM201 warning ~out
    dt::Real  # label: TRIM201 warning ~dt
    last::Float64
end

function tick!(m::Meter, now::Float64)
    if now - m.last > m.dt  # label: TRIM205|TRIM208 warning ~dt
        print(m.output, "tick\n")  # label: TRIM205|TRIM208|TRIM101 warning ~out
        m.last = now
    end
    return nothing
end

function (@main)(args)
    m = Meter(Core.stdout, 0.5, 0.0)
    tick!(m, 1.0)
    return 0
end
