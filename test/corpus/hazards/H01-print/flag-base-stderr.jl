function warn_user(msg::String)
    print(Base.stderr, "warning: ", msg, "\n")  # label: TRIM101 error
    return nothing
end

function (@main)(args)
    isempty(args) && warn_user("no arguments")
    return 0
end
