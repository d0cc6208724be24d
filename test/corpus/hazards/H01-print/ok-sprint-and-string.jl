function (@main)(args)
    n = length(args)
    s = sprint(show, n)  # label: TRIM101 none
    t = string("n=", n)  # label: TRIM101 none
    println(Core.stdout, s, " ", t)
    return 0
end
