# The fix: branch on the run-time value, each branch calls with a concrete type.
compute(::Type{T}, n::Int) where {T} = sum(zeros(T, n))

function buffer(single::Bool, n::Int)
    if single
        return Float64(compute(Float32, n))  # label: TRIM207 none
    else
        return compute(Float64, n)  # label: TRIM207 none
    end
end

function (@main)(args)
    println(Core.stdout, buffer(isempty(args), 4))
    return 0
end
