module Registry

function __init__()
    Core.eval(@__MODULE__, :(const STARTED = time()))  # label: TRIM401|TRIM702 warning
end

end
