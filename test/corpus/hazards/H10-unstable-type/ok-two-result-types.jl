# A two-type union is split by inference.
half(k::Int) = iseven(k) ? k ÷ 2 : k / 2  # label: TRIM205 none

function (@main)(args)
    println(Core.stdout, half(length(args)))  # label: TRIM205 none
    return 0
end
