function describe(code::Int)
    result = 0  # label: TRIM205 warning ~r
    if code == 1
        result = "one"
    elseif code == 2
        result = 2.0
    elseif code == 3
        result = :three
    elseif code == 4
        result = '4'
    end
    return string(result)  # label: TRIM205 warning ~r
end

function (@main)(args)
    println(Core.stdout, describe(length(args)))
    return 0
end
