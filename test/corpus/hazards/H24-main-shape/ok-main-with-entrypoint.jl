# HTTP.jl and JSON.jl trim workloads root main explicitly as well; redundant but harmless.
function (@main)(args::Vector{String})
    println(Core.stdout, "ok")
    return 0
end

Base.Experimental.entrypoint(main, (Vector{String},))  # label: TRIM705 none
