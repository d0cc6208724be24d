function safe_parse(s::String)
    try
        return parse(Int, s)
    catch
        println(stderr, "not a number: ", s)  # label: TRIM101 error
        return 0
    end
end

function (@main)(args)
    total = 0
    for a in args
        total += safe_parse(a)
    end
    println(Core.stdout, total)
    return 0
end
