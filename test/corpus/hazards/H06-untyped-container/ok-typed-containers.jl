function tally(words::Vector{String})
    acc = Float64[]  # label: TRIM203 none
    counts = Dict{String,Int}()  # label: TRIM203 none
    seen = Set{Int}()  # label: TRIM203 none
    for w in words
        counts[w] = get(counts, w, 0) + 1
        push!(acc, length(w) / 2)
        push!(seen, length(w))
    end
    return sum(values(counts)) + sum(acc) + length(seen)
end

function (@main)(args)
    println(Core.stdout, tally(args))
    return 0
end
