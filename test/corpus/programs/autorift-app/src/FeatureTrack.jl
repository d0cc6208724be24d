module FeatureTrack

using FFTW  # label: TRIM703 warning

include("params.jl")
include("io.jl")

function track(img::Matrix{Float32}, p::Params)
    n = size(img, 1) - p.chip_size + 1
    scores = zeros(Float32, max(n, 0))
    Threads.@threads for i in 1:length(scores)  # label: TRIM501 warning
        scores[i] = sum(@view img[i:i+p.chip_size-1, 1])
    end
    return scores
end

function (@main)(args::Vector{String})
    p = load_params(Dict{Symbol,Any}(:search => 4))  # label: TRIM302|TRIM203 warning ~kw
    img = read_image(args[1], 64)
    check_size(img, p)
    s = track(img, p)
    println("max score: ", maximum(s))  # label: TRIM101 error
    return 0
end

end
