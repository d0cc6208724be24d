# Base.Experimental.entrypoint roots a function for the trimmed build.
module Tool

function report(n::Int)
    println("n = ", n)  # label: TRIM101 error
end

Base.Experimental.entrypoint(report, (Int,))

end
