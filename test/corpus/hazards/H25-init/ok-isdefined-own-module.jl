module Cache

const TABLE = Dict{String,Int}()

function __init__()
    if isdefined(@__MODULE__, :TABLE)  # label: TRIM702 none
        empty!(TABLE)
    end
end

end
