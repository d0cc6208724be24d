using Printf

function prompt(msg::String)
    print(msg)  # label: TRIM101 error
    return readline()  # label: TRIM102 error
end

function (@main)(args::Vector{String})
    while true
        line = prompt("> ")
        line == "quit" && break
        n = tryparse(Float64, line)
        if n === nothing
            println("not a number: ", line)  # label: TRIM101 error
        else
            @printf("%.3f\n", sqrt(abs(n)))  # label: TRIM101 error
        end
    end
    return 0
end
