# 1.12: --trim=safe reports nothing and the binary cannot run its task body.
function (@main)(args)
    t = Threads.@spawn sum(1:10)  # label: TRIM501 warning
    println(Core.stdout, fetch(t))
    return 0
end
