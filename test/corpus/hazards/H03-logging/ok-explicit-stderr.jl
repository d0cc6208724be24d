# The fix: print the message explicitly.
function (@main)(args)
    if isempty(args)
        println(Core.stderr, "warning: no input given")  # label: TRIM103 none
        return 1
    end
    return 0
end
