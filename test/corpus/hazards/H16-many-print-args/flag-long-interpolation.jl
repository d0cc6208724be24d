# Each interpolated value and each literal chunk is one argument of print_to_string.
function summary(n::Int, mean::Float64, name::String, unit::Symbol, flag::Char, lo::Int, hi::Int, sd::Float64)
    return "$name: n=$n mean=$mean sd=$sd unit=$unit flag=$flag range=$lo..$hi"  # label: TRIM304 warning
end

function (@main)(args)
    println(Core.stdout, summary(3, 1.5, "x", :m, 'y', 0, 9, 0.1))
    return 0
end
