# julia#57830: splatting run-time-length collections; Discourse 133201: keyword arguments splatted
# from a run-time Dict. The same code in a function nothing calls is only a hint.

function combine(a::Vector{Int}, b::Vector{Int})
    return [a..., b...]  # expect: TRIM301 error
end

function configure(; verbose::Bool = false, level::Int = 0)
    return verbose ? level : 0
end

function run_with(opts::Dict{Symbol,Any})
    return configure(; opts...)  # expect: TRIM302 warning
end

function fixed(t::NTuple{3,Int})
    return max(t...)
end

function old_combine(a::Vector{Int})
    return [a..., a...]  # expect: TRIM301 hint
end

function (@main)(args)
    v = combine([1, 2], [3])
    n = run_with(Dict{Symbol,Any}(:verbose => true, :level => length(v)))
    m = fixed((1, 2, 3))
    println(Core.stdout, n + m)
    return 0
end
