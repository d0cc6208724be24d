function (@main)(ARGS)  # label: TRIM701 none
    println(Core.stdout, length(ARGS))
    return Cint(0)
end
