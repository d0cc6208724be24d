struct Series
    values::AbstractVector  # label: TRIM201 warning ~values
    name::String
end

average(s::Series) = sum(s.values) / length(s.values)  # label: TRIM205|TRIM208 warning ~values

function (@main)(args)
    s = Series([1.0, 2.0, 3.0], "demo")
    println(Core.stdout, s.name, ": ", average(s))
    return 0
end
