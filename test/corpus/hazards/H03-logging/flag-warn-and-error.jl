function check_input(xs::Vector{String})
    if isempty(xs)
        @warn "no input given"  # label: TRIM103 warning
        return false
    end
    if length(xs) > 100
        @error "too many inputs" count = length(xs)  # label: TRIM103 warning
        return false
    end
    return true
end

function (@main)(args)
    return check_input(args) ? 0 : 1
end
