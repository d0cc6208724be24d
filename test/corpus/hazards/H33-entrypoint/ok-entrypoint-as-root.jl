# A library rooted only with entrypoint: its functions are checked from that root.
module Kernels

scale(v::Vector{Float64}, k::Float64) = v .* k

Base.Experimental.entrypoint(scale, (Vector{Float64}, Float64))  # label: TRIM705 none

end
