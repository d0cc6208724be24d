# background() is only used from the REPL.
background() = Threads.@spawn sum(1:100)  # label: TRIM501 none

function (@main)(args)
    println(Core.stdout, sum(1:100))
    return 0
end
