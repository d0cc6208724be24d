# Typed globals (Julia >= 1.8) are in Julia's Trimmability and BasicJLL tests.
world::String = "world!"
count_calls::Int = 0

function (@main)(args)
    global count_calls += 1  # label: TRIM202 none
    println(Core.stdout, "hello ", world, " ", count_calls)  # label: TRIM202 none
    return 0
end
