import Distributed  # label: TRIM502 error

function (@main)(args)
    Distributed.@everywhere x = 1  # label: TRIM502 error
    ch = Distributed.RemoteChannel(() -> Channel{Int}(1))  # label: TRIM502 error
    return 0
end
