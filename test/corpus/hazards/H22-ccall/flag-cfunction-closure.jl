# Ipopt's callbacks: a closure over run-time data handed to C.
function make_callback(offset::Cint)
    f = x::Cint -> x + offset
    return @cfunction($f, Cint, (Cint,))  # label: TRIM602 error
end

function (@main)(args)
    make_callback(Cint(length(args)))
    return 0
end
