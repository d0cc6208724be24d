function key(a::Int, b::String, c::Float64, d::Symbol, e::Int, f::Char)
    return string(a, "-", b, "-", c, "-", d, "-", e, "-", f, "-", a * e)  # label: TRIM304 warning
end

function (@main)(args)
    println(Core.stdout, key(1, "b", 3.0, :d, 5, 'f'))
    return 0
end
