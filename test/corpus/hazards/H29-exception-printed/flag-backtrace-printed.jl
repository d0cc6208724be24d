function (@main)(args)
    try
        error("boom")
    catch
        Base.show_backtrace(Core.stderr, catch_backtrace())  # label: TRIM209|TRIM307 warning
        return 1
    end
    return 0
end
