function (@main)(args)
    a = Geo.area(2, 3)
    println(Core.stdout, a)
    return 0
end

function unused_report()
    println("never")  # expect: TRIM101 hint
end
