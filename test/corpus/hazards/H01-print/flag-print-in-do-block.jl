function (@main)(args)
    foreach(args) do a
        println(a)  # label: TRIM101 error
    end
    return 0
end
