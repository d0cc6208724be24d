module Reporter

include("report.jl")
include(joinpath(@__DIR__, "legacy.jl"))

function (@main)(args)
    run_report(args)
    return 0
end

end
