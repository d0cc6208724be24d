struct Sample
    value::Float64
end

function (@main)(args)
    s = Sample(1.5)
    show(s)  # label: TRIM101 error
    display(s.value)  # label: TRIM101 error
    return 0
end
