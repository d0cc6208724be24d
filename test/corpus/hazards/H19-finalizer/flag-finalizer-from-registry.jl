mutable struct Buffer
    data::Vector{UInt8}
end

const CLEANUPS = Dict{Symbol,Function}(:zero => b -> fill!(b.data, 0x00))

function managed(kind::Symbol)
    b = Buffer(zeros(UInt8, 4))
    finalizer(CLEANUPS[kind], b)  # label: TRIM306|TRIM204 warning
    return b
end

function (@main)(args)
    println(Core.stdout, length(managed(:zero).data))
    return 0
end
