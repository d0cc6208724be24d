function (@main)(args)
    failures = count(a -> a == "bad", args)
    return failures > 0 ? 1 : 0  # label: TRIM701 none
end
