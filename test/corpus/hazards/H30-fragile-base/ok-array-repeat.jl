# repeat on arrays with literal inner/outer is in Julia's Trimmability test.
function (@main)(args)
    A = [1 2; 3 4]
    B = repeat(A; inner = (1, 2), outer = (2, 1))  # label: TRIM307 none
    println(Core.stdout, sum(B))
    return 0
end
