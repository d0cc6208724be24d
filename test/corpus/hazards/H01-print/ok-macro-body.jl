# A macro body runs when the macro expands, at build time.
macro trace(ex)
    println("expanding ", ex)  # label: TRIM101 none
    return esc(ex)
end

function (@main)(args)
    n = @trace length(args)
    println(Core.stdout, n)
    return 0
end
