# JuMP.jl#4132 (about 100 errors for a trivial model); Ipopt/MOI: _apply_iterate and abstract options.
using JuMP  # label: TRIM703 warning
import MathOptInterface as MOI  # label: TRIM703 warning

function (@main)(args)
    return 0
end
