function (@main)(args)
    try
        open(args[1], "r")
    catch e
        write(Core.stderr, "cannot open: $(e)\n")  # label: TRIM209 warning
        return 2
    end
    return 0
end
