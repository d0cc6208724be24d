include("a.jl")

function from_b(args)
    print("b")  # expect: TRIM101 error
end
