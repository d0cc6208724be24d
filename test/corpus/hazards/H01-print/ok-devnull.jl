function (@main)(args)
    println(devnull, "discarded")  # label: TRIM101 none
    return 0
end
