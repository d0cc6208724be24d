struct Reading
    label::AbstractString  # label: TRIM201 warning ~fields
    value::Number  # label: TRIM201 warning ~fields
end

function describe(r::Reading)
    return string(r.label, " = ", r.value + 0)  # label: TRIM205|TRIM208 warning ~fields
end

function (@main)(args)
    println(Core.stdout, describe(Reading("t", 21.5)))
    return 0
end
