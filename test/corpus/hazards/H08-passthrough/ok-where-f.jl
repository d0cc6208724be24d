# The fix: a type variable forces specialisation.
apply_all(f::F, xs::Vector{Float64}) where {F} = map(f, xs)  # label: TRIM303 none
mk(::Type{T}, n::Int) where {T} = zeros(T, n)  # label: TRIM303 none

function (@main)(args)
    println(Core.stdout, sum(apply_all(sqrt, [1.0, 4.0])), " ", length(mk(Float64, 2)))
    return 0
end
