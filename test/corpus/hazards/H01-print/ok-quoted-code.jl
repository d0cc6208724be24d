# Quoted code is data; it only runs if someone evaluates it (at build time here).
const GREETING = :(println("hello"))  # label: TRIM101 none

function (@main)(args)
    ex = :(println("not run"))  # label: TRIM101 none
    println(Core.stdout, ex.head)
    return 0
end
