function row(a::Int, b::Float64, c::String, d::Symbol, e::Char, f::Int)
    print(Core.stdout, a, " ", b, " ", c, " ")  # label: TRIM304 none
    println(Core.stdout, d, " ", e, " ", f)  # label: TRIM304 none
end

function (@main)(args)
    row(1, 2.0, "three", :four, '5', 6)
    return 0
end
