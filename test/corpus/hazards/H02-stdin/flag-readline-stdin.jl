# JuliaC#114: unresolved call from statement Main.readline(Main.stdin::IO)::String
function ask(prompt::String)
    print(Core.stdout, prompt)
    return readline(stdin)  # label: TRIM102 error
end

function (@main)(args)
    answer = ask("continue? ")
    println(Core.stdout, answer == "y" ? "yes" : "no")
    return 0
end
