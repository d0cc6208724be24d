# Packages reported to trim only with care, or whose status is unconfirmed.
using ProgressMeter  # label: TRIM703 info
using ForwardDiff  # label: TRIM703 info
using TimeZones  # label: TRIM703 info

function (@main)(args)
    return 0
end
