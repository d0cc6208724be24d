struct Params
    chip_size::Int
    search::Int
end

const DEFAULTS = Dict{Symbol,Any}(:chip_size => 32, :search => 8)

make_params(; chip_size::Int = 32, search::Int = 8) = Params(chip_size, search)

function load_params(overrides::Dict{Symbol,Any})
    merged = merge(DEFAULTS, overrides)
    return make_params(; merged...)  # label: TRIM302 warning ~kw
end

function check_size(img::Matrix{Float32}, p::Params)
    if size(img, 1) < p.chip_size
        error("image of size $(size(img)) is smaller than the chip")  # label: warning
    end
    return nothing
end
