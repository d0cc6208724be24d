module Settings

const HOME = OncePerProcess{String}() do
    get(ENV, "HOME", "/")
end

const START = Ref(0.0)
verbosity::Int = 1

function __init__()
    START[] = time()
end

describe() = string("home=", HOME(), " verbosity=", verbosity)

function (@main)(args::Vector{String})
    global verbosity = length(args)
    println(Core.stdout, describe())
    println(Core.stdout, time() - START[] >= 0.0)
    return 0
end

end

import .Settings.main
