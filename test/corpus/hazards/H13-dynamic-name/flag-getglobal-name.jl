module Plugins

const alpha = 1
const beta = "two"

lookup(name::String) = getglobal(Plugins, Symbol(name))  # label: TRIM402 warning

function (@main)(args)
    println(Core.stdout, lookup(args[1]))
    return 0
end

end

import .Plugins.main
