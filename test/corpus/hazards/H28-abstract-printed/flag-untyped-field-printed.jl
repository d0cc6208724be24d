# TrimCheck: show(Core.stdout, "=$x=") fails for a struct with an untyped field.
struct Cell
    value  # label: TRIM201 warning
end

function show_cell(c::Cell)
    println(Core.stdout, "cell: ", c.value)  # label: TRIM208 warning
    return nothing
end

function (@main)(args)
    show_cell(Cell(3))
    return 0
end
