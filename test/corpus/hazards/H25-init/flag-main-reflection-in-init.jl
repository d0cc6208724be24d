# ProgressMeter PR #368: isdefined(Main, :IJulia) in __init__.
module Meter

const IN_NOTEBOOK = Ref(false)

function __init__()
    IN_NOTEBOOK[] = isdefined(Main, :IJulia) && Main.IJulia.inited  # label: TRIM702 warning
end

end
