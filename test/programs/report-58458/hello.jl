# julia#58458 / JuliaC#114: a first program with bare println and readline from stdin.

function greet(name)
    println("Hello, ", name, "!")  # expect: TRIM101 error
end

function (@main)(args)
    println("What's your name?")  # expect: TRIM101 error
    name = readline(Base.stdin)  # expect: TRIM102 error
    greet(name)
    flush(stdout)  # expect: TRIM101 error
    return 0
end
