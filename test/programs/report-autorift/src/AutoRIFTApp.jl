module AutoRIFTApp

# AutoRIFT.jl app/README.md: println in the app, fixed by printing to Core.stdout.

include("io.jl")

function (@main)(args)
    println("AutoRIFT starting")  # expect: TRIM101 error
    cfg = load_config(get(args, 1, "config.txt"))
    println(Core.stdout, length(cfg))
    report_done(cfg)
    return 0
end

end
