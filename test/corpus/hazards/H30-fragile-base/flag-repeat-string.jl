# ProgressMeter PR #367: repeat(::String, n) and "\n"^n were unresolved invokes on 1.13.
function bar(frac::Float64)
    filled = round(Int, 20frac)
    return repeat("#", filled) * repeat(" ", 20 - filled)  # label: TRIM307 warning
end

clear_lines(n::Int) = "\e[1A"^n  # label: TRIM307 warning

function (@main)(args)
    println(Core.stdout, bar(0.5), clear_lines(0))
    return 0
end
