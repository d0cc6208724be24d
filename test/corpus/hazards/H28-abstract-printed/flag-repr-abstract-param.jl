struct Tagged
    tag::Symbol
    payload::Any  # label: TRIM201 warning
end

summary(t::Tagged) = repr(t.payload)  # label: TRIM208 warning

function (@main)(args)
    println(Core.stdout, summary(Tagged(:a, 1.5)))
    return 0
end
