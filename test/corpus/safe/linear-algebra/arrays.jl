using LinearAlgebra
using SparseArrays

function dense_part(n::Int)
    v = rand(n)
    w = sort(v; rev = true)
    s = sum(w) + prod(ones(3)) + mapreduce(x -> x^2, +, v)
    ok = all(x -> x >= 0, v) && any(x -> x < 1, v)
    A = reshape(collect(1.0:8.0), :, 2)
    B = hcat(A, A)
    C = vcat(A, A)
    D = cat(A, A; dims = 3)
    E = repeat(A; inner = (1, 2), outer = (2, 1))
    F = stack([[1.0, 2.0], [3.0, 4.0]])
    M = zeros(2, 2)
    mul!(M, F, F)
    return s + norm(B) + tr(M) + dot(v, v) + size(C, 1) + size(D, 3) + size(E, 2) + (ok ? 1 : 0)
end

function sparse_part()
    S = sparse([1, 2, 3], [1, 2, 3], [1.0, 2.0, 3.0], 3, 3)
    y = S * ones(3)
    return sum(y) + sum(S .* 2.0)
end

function (@main)(args::Vector{String})
    n = parse(Int, get(args, 1, "4"))
    println(Core.stdout, dense_part(n) + sparse_part())
    return 0
end
