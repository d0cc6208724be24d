# julia#60669: stacktrace() has 11 verifier errors on 1.12.4 (Core.Box).
function where_am_i()
    for frame in stacktrace()  # label: TRIM209|TRIM307 warning
        println(Core.stdout, frame.func)
    end
end

function (@main)(args)
    where_am_i()
    return 0
end
