function (@main)(args)
    try
        parse(Float64, args[1])
    catch err
        showerror(Core.stderr, err)  # label: TRIM209 warning
        return 1
    end
    return 0
end
