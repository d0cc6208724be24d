struct Box
    content  # label: TRIM201 warning
end

double(b::Box) = b.content * 2

function (@main)(args)
    println(Core.stdout, double(Box(21)))
    return 0
end
