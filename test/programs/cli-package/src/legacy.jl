# Nothing reaches these from @main: their findings are hints.

function legacy_dump(x)
    println(x)  # expect: TRIM101 hint
end

legacy_twice(x) = (legacy_dump(x); legacy_dump(x))
