process(x) = x + 1

Base.Experimental.entrypoint(process, (Any,))  # label: TRIM705 warning
Base.Experimental.entrypoint(process, (Real,))  # label: TRIM705 warning
Base.Experimental.entrypoint(Tuple{typeof(process),Integer})  # label: TRIM705 warning

function (@main)(args)
    println(Core.stdout, process(1))
    return 0
end
