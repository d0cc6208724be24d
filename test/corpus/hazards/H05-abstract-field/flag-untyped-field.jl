struct Box
    content  # label: TRIM201 warning ~content
end

double(b::Box) = b.content * 2  # label: TRIM205|TRIM208 warning ~content

function (@main)(args)
    println(Core.stdout, double(Box(21)))
    return 0
end
