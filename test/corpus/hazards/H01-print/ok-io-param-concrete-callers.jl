# Every caller passes a concrete stream, so the ::IO parameter is specialised per call.
function emit(io::IO, line::String)
    println(io, line)  # label: TRIM101 none
    return nothing
end

function (@main)(args)
    emit(Core.stdout, "first")
    buf = IOBuffer()
    emit(buf, "second")
    write(Core.stdout, take!(buf))
    return 0
end
