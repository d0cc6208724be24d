# JuliaC patched show(io, ::Colon), so reshape with a colon trims.
function (@main)(args)
    x = collect(1.0:8.0)
    m = reshape(x, :, 2)  # label: TRIM307 none
    println(Core.stdout, size(m, 1))
    return 0
end
