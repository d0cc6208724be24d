# Compiles, but convert(Int32, 2.5) throws at run time, and a throw aborts the host process.
module Lib

Base.@ccallable function half(n::Int32)::Int32
    return n / 2  # label: TRIM604|TRIM605 warning
end

end
