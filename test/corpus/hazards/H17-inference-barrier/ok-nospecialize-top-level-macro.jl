# @nospecialize in a method only used while building.
function table_entry(@nospecialize(x))
    return string(x)
end

const TABLE = [table_entry(1), table_entry(:a), table_entry(2.0)]  # label: TRIM305 none

function (@main)(args)
    println(Core.stdout, join(TABLE, ","))
    return 0
end
