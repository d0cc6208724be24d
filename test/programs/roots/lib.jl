module Roots

const COUNTER = Base.RefValue{Int}(0)

function __init__()
    println("loading")  # expect: TRIM101 error
    COUNTER[] = 0
end

Base.@ccallable function add_one(x::Cint)::Cint
    log_call("add_one")
    return x + Cint(1)
end

Base.@ccallable "scaled" function scale(x::Cdouble)::Cdouble
    show(x)  # expect: TRIM101 error
    return 2x
end

function log_call(name)
    print("called ", name)  # expect: TRIM101 error
end

function task_body(n::Int)
    println(n)  # expect: TRIM101 error
end

Base.Experimental.entrypoint(task_body, (Int,))

function never_called()
    println("dead")  # expect: TRIM101 hint
end

end
