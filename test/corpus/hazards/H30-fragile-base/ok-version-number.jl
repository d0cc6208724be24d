# JuliaC#70 (1.12.1) was fixed by julia PR #60062, backported to 1.12; now in the BasicJLL test.
function (@main)(args)
    v = VersionNumber("1.2.3")  # label: TRIM307 none
    println(Core.stdout, v.major)
    return 0
end
