function (@main)(n::Int)  # label: TRIM701 error
    return n
end
