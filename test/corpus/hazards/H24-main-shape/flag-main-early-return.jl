function (@main)(args)
    if isempty(args)
        return  # label: TRIM701 warning
    end
    println(Core.stdout, args[1])
    return 0
end
