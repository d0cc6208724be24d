struct Tagged{T}
    tag::Symbol
    payload::T
end

summary(t::Tagged) = string(t.tag, "=", t.payload)  # label: TRIM208 none

function (@main)(args)
    println(Core.stdout, summary(Tagged(:a, 1.5)))
    return 0
end
