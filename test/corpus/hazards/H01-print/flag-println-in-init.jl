# __init__ is an entry point of its own: it runs when the binary starts.
module Greeter

function __init__()
    println("Greeter loaded")  # label: TRIM101 error
end

end
