# A macro may evaluate at expansion time; the expansion is a constant.
macro compile_time_sum(n)
    s = Core.eval(__module__, :(sum(1:$n)))  # label: TRIM401 none
    return s
end

function (@main)(args)
    println(Core.stdout, @compile_time_sum(10))
    return 0
end
