function load(path::String)
    try
        return read(path, String)
    catch e
        e isa SystemError || rethrow()  # label: TRIM209 none
        println(Core.stderr, "cannot read the input file")  # label: TRIM209 none
        return ""
    end
end

function (@main)(args)
    println(Core.stdout, length(load(args[1])))
    return 0
end
