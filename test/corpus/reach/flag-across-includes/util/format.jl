format_count(n::Int) = string(n, " items")

function show_count(n::Int)
    println(format_count(n))  # label: TRIM101 error
end

unused_helper(n) = println(n)  # label: TRIM101 none
