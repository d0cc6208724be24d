# Literal keywords with concrete values are in Julia's Trimmability test.
function (@main)(args)
    A = [1 2; 3 4]
    B = repeat(A; inner = (2, 1), outer = (1, 3))  # label: TRIM302 none
    C = cat(A, A; dims = 2)  # label: TRIM302 none
    v = sort([3, 1, 2]; rev = true)  # label: TRIM302 none
    println(Core.stdout, size(B, 1) + size(C, 2) + v[1])
    return 0
end
