# Naming Base.stdout is no better: the global is typed ::IO.
function (@main)(args)
    println(stdout, "starting")  # label: TRIM101 error
    write(stdout, "raw bytes\n")  # label: TRIM101 error
    flush(stdout)  # label: TRIM101 error
    return 0
end
