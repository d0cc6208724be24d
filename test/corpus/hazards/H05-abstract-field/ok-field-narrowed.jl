# The abstract field is narrowed with a typeassert before every use.
struct Slot
    value::Any  # label: TRIM201 none
end

next_value(s::Slot) = (s.value::Int) + 1

function (@main)(args)
    println(Core.stdout, next_value(Slot(41)))
    return 0
end
