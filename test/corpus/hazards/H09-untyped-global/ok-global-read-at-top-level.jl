# The untyped global is only read while building.
base = 40
const ANSWER = base + 2  # label: TRIM202 none

function (@main)(args)
    println(Core.stdout, ANSWER)
    return 0
end
