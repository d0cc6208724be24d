# :stdin as a symbol and "stdin" as a string are just data.
function source_kind(name::String)
    return name == "-" ? :stdin : :file  # label: TRIM102 none
end

function (@main)(args)
    kind = source_kind(isempty(args) ? "-" : args[1])
    println(Core.stdout, kind === :stdin ? "stdin" : "file")  # label: TRIM102 none
    return 0
end
