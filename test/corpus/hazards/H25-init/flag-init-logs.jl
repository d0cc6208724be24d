module Loader

function __init__()
    @info "Loader ready"  # label: TRIM103 warning
    println(Core.stdout, "ready")
end

end
