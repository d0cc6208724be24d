module Shapes

export area, describe

include("geometry.jl")

function describe(s)
    println("shape with area ", area(s))  # expect: TRIM101 error
end

end
