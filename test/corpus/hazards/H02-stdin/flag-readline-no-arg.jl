# julia#58458: readline() reads Base.stdin, whose concrete type is only known at run time.
function (@main)(args)
    name = readline()  # label: TRIM102 error
    println(Core.stdout, "hello ", name)
    return 0
end
