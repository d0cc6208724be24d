const LIMIT = 10
const counter = Ref(0)

function bump!()
    counter[] += 1  # label: TRIM202 none
    return min(counter[], LIMIT)  # label: TRIM202 none
end

function (@main)(args)
    println(Core.stdout, bump!())
    return 0
end
