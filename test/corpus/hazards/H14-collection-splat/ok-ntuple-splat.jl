# Tuples of known length splat into resolved calls.
addall(t::NTuple{3,Int}) = +(t...)  # label: TRIM301 none

function (@main)(args)
    A = zeros(2, 3)
    B = zeros(size(A)...)  # label: TRIM301 none
    println(Core.stdout, addall((1, 2, 3)), " ", length(B), " ", max((4, 5)...))  # label: TRIM301 none
    return 0
end
