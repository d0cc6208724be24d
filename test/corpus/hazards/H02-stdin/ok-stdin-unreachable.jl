# interactive() is only called from the REPL, never from @main.
interactive() = readline()  # label: TRIM102 none

function (@main)(args)
    println(Core.stdout, "batch mode")
    return 0
end
