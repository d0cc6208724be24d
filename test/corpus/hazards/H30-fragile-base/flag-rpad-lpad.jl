# AutoRIFT: rpad/lpad(::String, ::Int, ::Char) unresolved on 1.12.
function table_row(name::String, value::Int)
    return rpad(name, 12, ' ') * lpad(string(value), 6, '0')  # label: TRIM307 warning
end

function (@main)(args)
    println(Core.stdout, table_row("items", length(args)))
    return 0
end
