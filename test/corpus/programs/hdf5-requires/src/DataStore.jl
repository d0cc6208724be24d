module DataStore

using Requires  # label: TRIM702|TRIM703 warning

const BACKEND = Ref(:none)

include("store.jl")

function __init__()
    @require HDF5="f67ccb44-e63f-5c2f-98bd-6dc0ccc4ba2f" begin  # label: TRIM702 warning
        BACKEND[] = :hdf5
    end
end

function (@main)(args::Vector{String})
    save_values(get(args, 1, "values.txt"), [1.0, 2.0])
    println(Core.stdout, BACKEND[])
    return 0
end

end
