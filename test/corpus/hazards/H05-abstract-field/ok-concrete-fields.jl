struct Grid
    cells::Vector{Float64}  # label: TRIM201 none
    shape::NTuple{2,Int}  # label: TRIM201 none
    name::String
    tags::Dict{String,Int}  # label: TRIM201 none
end

function (@main)(args)
    g = Grid(zeros(4), (2, 2), "g", Dict("a" => 1))
    println(Core.stdout, g.name, " ", sum(g.cells), " ", g.shape[1], " ", g.tags["a"])
    return 0
end
