module Layers

module Util
export shout
shout(s) = print(uppercase(s))  # expect: TRIM101 error
whisper(s) = print(lowercase(s))  # expect: TRIM101 hint
end

module Core2
import ..Util: shout
using ..Layers: helper
run(x) = (shout(x); helper(x))
end

using .Util
using .Core2: run

helper(x) = println(x)  # expect: TRIM101 error

function (@main)(args)
    Core2.run("hi")
    return 0
end

end
