# Generating methods at top level runs at build time: the methods exist in the image.
for (name, factor) in ((:double, 2), (:triple, 3))
    @eval $name(x::Int) = $factor * x  # label: TRIM401 none
end

eval(:(const ANSWER = 42))  # label: TRIM401 none

function (@main)(args)
    println(Core.stdout, double(ANSWER) + triple(1))
    return 0
end
