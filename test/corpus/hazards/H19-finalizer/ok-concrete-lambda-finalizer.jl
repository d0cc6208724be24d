mutable struct Scratch
    buf::Vector{Float64}
end

function scratch(n::Int)
    s = Scratch(zeros(n))
    finalizer(x -> empty!(x.buf), s)  # label: TRIM306 none
    return s
end

function (@main)(args)
    println(Core.stdout, length(scratch(3).buf))
    return 0
end
