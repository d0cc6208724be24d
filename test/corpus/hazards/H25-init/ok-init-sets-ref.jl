# test/trim/CompileMinInit: __init__ setting a const Ref.
module Handles

const HANDLE = Ref{Ptr{Cvoid}}(C_NULL)
const STARTED = Ref(0.0)

function __init__()
    HANDLE[] = ccall(:malloc, Ptr{Cvoid}, (Csize_t,), 16)  # label: TRIM702 none
    STARTED[] = time()  # label: TRIM702 none
end

function (@main)(args)
    println(Core.stdout, HANDLE[] != C_NULL)
    return 0
end

end

import .Handles.main
