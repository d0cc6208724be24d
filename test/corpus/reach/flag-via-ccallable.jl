# A @ccallable is a root: its callees are verified.
module Lib

function log_value(x::Cdouble)
    println("value ", x)  # label: TRIM101 error
end

Base.@ccallable function process(x::Cdouble)::Cdouble
    log_value(x)
    return 2x
end

end
