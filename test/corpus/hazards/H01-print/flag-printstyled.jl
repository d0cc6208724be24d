# ProgressMeter PR #367: printstyled goes through with_output_color(f::Function, ...), a dynamic call,
# even with an explicit stream.
function status(ok::Bool)
    if ok
        printstyled(Core.stdout, "ok\n"; color=:green)  # label: TRIM104 warning
    else
        printstyled("failed\n"; color=:red, bold=true)  # label: TRIM101|TRIM104 error
    end
    return nothing
end

function (@main)(args)
    status(isempty(args))
    return 0
end
