module Shapes

include("geometry.jl")
include("report.jl")

function (@main)(args::Vector{String})
    shapes = Shape[Square(2.0), Circle(1.0)]
    if !isempty(args)
        push!(shapes, Square(parse(Float64, args[1])))
    end
    report(Core.stdout, shapes)
    return 0
end

end
