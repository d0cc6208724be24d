# The replacement ProgressMeter adopted: write the ANSI codes yourself.
const GREEN = "\e[32m"
const RESET = "\e[0m"

function status(ok::Bool)
    msg = ok ? "ok" : "failed"
    print(Core.stdout, GREEN, msg, RESET, "\n")  # label: TRIM104 none
    return nothing
end

function (@main)(args)
    status(isempty(args))
    return 0
end
