# JuliaC#116: JLOptions().trim is read when the binary runs, so both branches are compiled and verified.
function report(x::Int)
    if Base.JLOptions().trim != 0  # label: TRIM704 warning
        println(Core.stdout, x)
    else
        println(x)  # label: TRIM101 error
    end
end

function (@main)(args)
    report(length(args))
    return 0
end
