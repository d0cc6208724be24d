function first_line(text::String)
    buf = IOBuffer(text)
    return readline(buf)  # label: TRIM102 none
end

function (@main)(args)
    println(Core.stdout, first_line("a\nb"))
    return 0
end
