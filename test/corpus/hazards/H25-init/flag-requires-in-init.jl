# Discourse 140113: import HDF5 -> Requires.jl in __init__ -> unresolved call from !(isprecompiling()).
module Plotting

using Requires  # label: TRIM702|TRIM703 warning

function __init__()
    @require Colors="5ae59095-9a9b-59fe-a467-6f913c188581" include("colors.jl")  # label: TRIM702 warning, TRIM401 warning
end

end
