struct Reading
    label::AbstractString  # label: TRIM201 warning
    value::Number  # label: TRIM201 warning
end

function describe(r::Reading)
    return string(r.label, " = ", r.value + 0)
end

function (@main)(args)
    println(Core.stdout, describe(Reading("t", 21.5)))
    return 0
end
