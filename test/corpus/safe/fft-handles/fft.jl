const libfftw = "libfftw3.so.3"
const FFTW_ESTIMATE = UInt32(1 << 6)

mutable struct RealPlan
    handle::Ptr{Cvoid}
    n::Int
end

function destroy!(p::RealPlan)
    if p.handle != C_NULL
        ccall((:fftw_destroy_plan, libfftw), Cvoid, (Ptr{Cvoid},), p.handle)
        p.handle = C_NULL
    end
    return nothing
end

function make_plan(input::Vector{Float64}, output::Vector{ComplexF64})
    h = ccall((:fftw_plan_dft_r2c_1d, libfftw), Ptr{Cvoid},
              (Cint, Ptr{Float64}, Ptr{ComplexF64}, UInt32),
              length(input), input, output, FFTW_ESTIMATE)
    p = RealPlan(h, length(input))
    finalizer(destroy!, p)
    return p
end

execute!(p::RealPlan) = ccall((:fftw_execute, libfftw), Cvoid, (Ptr{Cvoid},), p.handle)

function (@main)(args::Vector{String})
    x = [sin(0.1 * i) for i in 1:16]
    y = zeros(ComplexF64, 9)
    plans = RealPlan[make_plan(x, y)]
    foreach(execute!, plans)
    println(Core.stdout, abs(y[2]))
    foreach(destroy!, plans)
    return 0
end
