module Tool

name = "tool"

greeting() = string("hello from ", name)  # label: TRIM202 error

function (@main)(args)
    println(Core.stdout, greeting())
    return 0
end

end

import .Tool.main
