include("b.jl")

from_a(args) = from_b(args)
