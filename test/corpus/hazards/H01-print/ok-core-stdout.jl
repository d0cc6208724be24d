# The trim-safe spellings used throughout Julia's test/trim programs.
function (@main)(args)
    println(Core.stdout, "got ", length(args), " args")  # label: TRIM101 none
    print(Core.stderr, "progress: ", 0.5, "\n")  # label: TRIM101 none
    write(Core.stdout, "raw text\n")  # label: TRIM101 none
    Core.println("via Core.println")  # label: TRIM101 none
    return 0
end
