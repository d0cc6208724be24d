# juliac: "`@main` must accept a `Vector{String}` argument."
function (@main)()  # label: TRIM701 error
    println(Core.stdout, "hello")
    return 0
end
