using FunctionWrappers: FunctionWrapper  # label: TRIM703 warning

function (@main)(args)
    return 0
end
