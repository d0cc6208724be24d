using Logging

function step(i::Int)
    @debug "step" i  # label: TRIM103 warning
    @logmsg Logging.Info "step done"  # label: TRIM103 warning
    return i * 2
end

function (@main)(args)
    println(Core.stdout, sum(step, 1:3))
    return 0
end
