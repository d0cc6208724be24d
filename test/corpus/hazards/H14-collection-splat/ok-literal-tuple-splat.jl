function (@main)(args)
    t = (1, 2, 3)
    println(Core.stdout, +(t...), " ", max((1.5, 2.5)...))  # label: TRIM301 none
    return 0
end
