# debug_dump is never called from @main, so it is not part of the trimmed program.
function debug_dump(x)
    println(x)  # label: TRIM101 none
end

function (@main)(args)
    println(Core.stdout, length(args))
    return 0
end
