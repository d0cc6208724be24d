# The helper is fine on its own; passing stdout into it is what fails.
function emit(io::IO, line::String)
    println(io, line)
    return nothing
end

function (@main)(args)
    emit(Core.stdout, "to the core stream")
    emit(stdout, "to the Base stream")  # label: TRIM101 error
    return 0
end
