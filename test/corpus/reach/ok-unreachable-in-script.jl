# Nothing reachable from @main uses these.
counter = 0

old_report(x) = println("old ", x)  # label: TRIM101 none
legacy_bump() = (global counter += 1)  # label: TRIM202 none
legacy_task() = @async old_report(1)  # label: TRIM501 none

function (@main)(args)
    println(Core.stdout, "new")
    return 0
end
