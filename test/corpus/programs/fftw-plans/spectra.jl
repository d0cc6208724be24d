module Spectra

abstract type Plan end

mutable struct CPlan{T,N} <: Plan
    handle::Ptr{Cvoid}
    dims::NTuple{N,Int}
end

libfftw = "libfftw3.so.3"

unsafe_destroy_plan(p::CPlan) = ccall((:fftw_destroy_plan, libfftw), Cvoid, (Ptr{Cvoid},), p.handle)  # label: TRIM601 warning, TRIM202 error

const deferred = Plan[]  # label: warning ~deferred

function destroy_deferred()
    foreach(unsafe_destroy_plan, deferred)  # label: warning ~deferred
    empty!(deferred)
    return nothing
end

function register!(p::Plan, cleanup::Function)
    finalizer(cleanup, p)  # label: TRIM306|TRIM303 warning
    return p
end

function make_plan(x::Vector{ComplexF64})
    h = ccall((:fftw_plan_dft_1d, "libfftw3.so.3"), Ptr{Cvoid}, (Cint, Ptr{ComplexF64}, Ptr{ComplexF64}, Cint, UInt32), length(x), x, x, -1, 0)
    p = CPlan{ComplexF64,1}(h, (length(x),))
    register!(p, q -> push!(deferred, q))
    return p
end

plan_apply(p::CPlan, x::Vector{ComplexF64}) = (ccall((:fftw_execute, "libfftw3.so.3"), Cvoid, (Ptr{Cvoid},), p.handle); x)

function execute(@nospecialize(p::Plan), x::Vector{ComplexF64})  # label: TRIM305 error ~nospec
    return plan_apply(p, x)  # label: TRIM305 error ~nospec
end

function (@main)(args::Vector{String})
    x = zeros(ComplexF64, 8)
    p = make_plan(x)
    y = execute(p, x)
    destroy_deferred()
    println(Core.stdout, length(y))
    return 0
end

end

import .Spectra.main
