function work(s::String)
    return parse(Int, s)
end

function (@main)(args)
    try
        println(Core.stdout, work(args[1]))
    catch e
        println(Core.stderr, "failed: ", e)  # label: TRIM209 warning
        return 1
    end
    return 0
end
