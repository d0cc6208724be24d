function heartbeat()
    sleep(0.1)
    return nothing
end

function (@main)(args)
    errormonitor(@async heartbeat())  # label: TRIM501 warning
    sleep(0.2)
    return 0
end
