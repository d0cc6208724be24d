# Shapes of Julia's own test/trim programs: all trim-safe.

world::String = "world"
const GREETING = "hello"
const CALLS = Base.RefValue{Int}(0)

function @main(args::Vector{String})::Cint
    println(Core.stdout, GREETING, ", ", world, "!")
    print(Core.stdout, "program: ", PROGRAM_FILE, "\n")
    foreach(x -> println(Core.stdout, x), args)
    x = parse(Float64, get(args, 1, "1.0"))
    n = tryparse(Int, get(args, 2, "3"))
    println(Core.stdout, sin(x), " ", n === nothing ? 0 : n)
    CALLS[] += 1
    Core.println("done")
    return 0
end
