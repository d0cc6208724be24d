function attempt(f::F) where {F}
    try
        f()
        return ""
    catch e
        return sprint(showerror, e)  # label: TRIM209 warning
    end
end

function (@main)(args)
    msg = attempt(() -> parse(Int, "x"))
    println(Core.stdout, msg)
    return 0
end
