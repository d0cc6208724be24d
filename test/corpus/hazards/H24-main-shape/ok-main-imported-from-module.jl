# The 1.12 fix for a main defined in a module: import it into Main.
module App

function (@main)(args)  # label: TRIM701 none
    println(Core.stdout, "app")
    return 0
end

end

import .App.main
