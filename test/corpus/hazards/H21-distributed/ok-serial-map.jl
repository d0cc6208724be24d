# The fix: no Distributed in a trimmed binary.
using LinearAlgebra

function (@main)(args)
    s = sum(map(x -> x^2, 1:4))  # label: TRIM502 none
    println(Core.stdout, s, " ", dot([1.0, 2.0], [3.0, 4.0]))
    return 0
end
