# JSON.jl's trim workload narrows the caught exception before reading it.
function (@main)(args)
    try
        parse(Int, args[1])
    catch err
        msg = err isa ArgumentError ? (err::ArgumentError).msg : ""  # label: TRIM209 none
        println(Core.stderr, msg isa String ? msg : "bad input")  # label: TRIM209 none
        return 1
    end
    return 0
end
