function (@main)(args)
    Base.@warn "deprecated flag used"  # label: TRIM103 warning
    return 0
end
