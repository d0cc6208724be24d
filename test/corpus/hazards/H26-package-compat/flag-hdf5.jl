import HDF5  # label: TRIM703 warning

function (@main)(args)
    return 0
end
