const GREETING = "hello"
world::String = "world"

function greet(name::String)
    println(Core.stdout, GREETING, ", ", name, "!")
    return nothing
end

function (@main)(args::Vector{String})::Cint
    name = get(args, 1, world)
    greet(name)
    reps = tryparse(Int, get(args, 2, "1"))
    n = reps === nothing ? 1 : reps
    x = parse(Float64, get(args, 3, "1.0"))
    println(Core.stdout, "sin(", x, ") = ", sin(x))
    foreach(a -> println(Core.stdout, a), args)
    println(Core.stdout, PROGRAM_FILE, " ", n)
    return 0
end
