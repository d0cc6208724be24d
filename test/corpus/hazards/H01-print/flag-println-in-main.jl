# julia#58458: a bare println in @main prints to Base.stdout::IO.
function (@main)(args)
    println("got ", length(args), " args")  # label: TRIM101 error
    return 0
end
