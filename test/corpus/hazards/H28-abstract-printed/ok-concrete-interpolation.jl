# Julia's Trimmability test interpolates a UnitRange, an Int, a Float64, a Symbol and a Char.
function (@main)(args)
    r = 1:4
    n = length(args)
    x = 0.5
    s = :tag
    c = 'z'
    println(Core.stdout, "r=$r n=$n x=$x s=$s c=$c")  # label: TRIM208 none
    return 0
end
