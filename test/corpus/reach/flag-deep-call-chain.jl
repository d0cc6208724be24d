level3(x::Int) = print("deep ", x, "\n")  # label: TRIM101 error
level2(x::Int) = level3(x + 1)
level1(x::Int) = level2(x + 1)

function (@main)(args)
    level1(0)
    return 0
end
