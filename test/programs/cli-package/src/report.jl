# Included into Reporter: these functions belong to that module.

function run_report(args)
    foreach(emit, args)
    return nothing
end

function emit(x)
    println("item: ", x)  # expect: TRIM101 error
end
