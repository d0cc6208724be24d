# print/println are specialised up to 10 arguments under JuliaC; beyond that every argument is Any.
function row(a::Int, b::Float64, c::String, d::Symbol, e::Char, f::Int)
    println(Core.stdout, a, " ", b, " ", c, " ", d, " ", e, " ", f, " ", a + f)  # label: TRIM304 warning
end

function (@main)(args)
    row(1, 2.0, "three", :four, '5', 6)
    return 0
end
