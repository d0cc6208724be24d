# @nospecialize on an argument that is only stored or compared by identity.
mutable struct Slot
    value::Any
end

function store!(s::Slot, @nospecialize(x))  # label: TRIM305 none
    s.value = x
    return s.value === nothing  # label: TRIM305 none
end

function (@main)(args)
    s = Slot(nothing)
    println(Core.stdout, store!(s, 3))
    return 0
end
