# `function @main(ARGS)` without parentheses is accepted by JuliaC's tests.
function @main(ARGS)  # label: TRIM701 none
    println(Core.stdout, "hi")
    return 0
end
