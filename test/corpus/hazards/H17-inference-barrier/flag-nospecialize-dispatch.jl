function describe(@nospecialize(x))  # label: TRIM305 error ~d
    return string("value: ", x)  # label: TRIM305 error ~d
end

function (@main)(args)
    println(Core.stdout, describe(length(args)))
    return 0
end
