# There is no Core.stdin: the lookup becomes getglobal(Core, :stdin)::Any (two verifier errors).
function (@main)(args)
    s = readline(Core.stdin)  # label: TRIM102 error
    println(Core.stdout, s)
    return 0
end
