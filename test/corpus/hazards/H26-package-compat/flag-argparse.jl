# ArgParse.jl#138: a 15-argument example produced 967 verifier errors.
using ArgParse  # label: TRIM703 warning

function (@main)(args)
    println(Core.stdout, length(args))
    return 0
end
