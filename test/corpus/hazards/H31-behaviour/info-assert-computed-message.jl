# JuliaC replaces _assert_tostring: a computed @assert message becomes "".
function checked(n::Int)
    @assert n > 0 "n must be positive, got $(n)"  # label: TRIM801 info
    return n
end

function (@main)(args)
    println(Core.stdout, checked(length(args) + 1))
    return 0
end
