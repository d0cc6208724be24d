function each_line(f::Function, lines::Vector{String})  # label: TRIM303 warning
    foreach(f, lines)
    return length(lines)
end

function (@main)(args)
    n = each_line(l -> println(Core.stdout, l), args)
    println(Core.stdout, n)
    return 0
end
