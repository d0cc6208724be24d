function make_getter(field::Symbol)
    @eval getter() = $(QuoteNode(field))  # label: TRIM401 warning
    return nothing
end

function (@main)(args)
    make_getter(:width)
    return 0
end
