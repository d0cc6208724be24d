# Logging while the image is built is ordinary Julia.
@info "precomputing tables"  # label: TRIM103 none
const TABLE = [i^2 for i in 1:10]

function (@main)(args)
    println(Core.stdout, TABLE[3])
    return 0
end
