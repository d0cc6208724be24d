function (@main)(args)
    text = read(stdin, String)  # label: TRIM102 error
    println(Core.stdout, length(text))
    return 0
end
