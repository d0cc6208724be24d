# There is no compiler in the binary: evaluated code cannot run (julia PR #56460).
function (@main)(args)
    result = eval(Meta.parse(args[1]))  # label: TRIM401 warning
    println(Core.stdout, result isa Int ? result : 0)
    return 0
end
