calls = 0

function bump!()
    global calls
    calls += 1  # label: TRIM202 error
    return nothing
end

function (@main)(args)
    bump!()
    return 0
end
