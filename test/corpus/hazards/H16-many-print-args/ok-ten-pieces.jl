# Julia's Trimmability test interpolates five values of five types into one string: ten pieces.
function (@main)(args)
    r = 1:3
    n = 4
    x = 2.5
    s = :sym
    c = 'c'
    println(Core.stdout, "r=$r n=$n x=$x s=$s c=$c")  # label: TRIM304 none
    return 0
end
