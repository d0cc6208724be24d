// Packages whose trimmed builds are known to fail (breaks), to need care (care) or to work (works).
// Read by TRIM703 package-compat. Every entry cites public evidence; statusByVersion overrides status
// for the Julia versions it names. Kept as a module so it ships inside the compiled package.

import type { PackageEntry } from '../package-compat';

export const PACKAGES: PackageEntry[] = [
  {
    name: "ArgParse",
    status: "breaks",
    reason: "a 15-argument parser produced 967 verifier errors (argument tables typed Vector and Any)",
    evidence: [
      "https://github.com/carlobaldassi/ArgParse.jl/issues/138"
    ]
  },
  {
    name: "Distributed",
    status: "breaks",
    reason: "loading it adds verifier errors in Base closures, and its remote calls serialise closures and evaluate code on workers",
    evidence: [
      "https://github.com/timholy/ProgressMeter.jl/pull/366"
    ]
  },
  {
    name: "JuMP",
    status: "breaks",
    reason: "a trivial model gave about 100 verifier errors; dynamic by design",
    evidence: [
      "https://github.com/jump-dev/JuMP.jl/issues/4132"
    ]
  },
  {
    name: "MathOptInterface",
    status: "breaks",
    reason: "the solver interface is dynamic by design (abstract option values, bridges); it is what JuMP's verifier errors come from",
    evidence: [
      "https://github.com/jump-dev/JuMP.jl/issues/4132",
      "https://github.com/jump-dev/Ipopt.jl/pull/478"
    ]
  },
  {
    name: "Ipopt",
    status: "care",
    packageVersions: "versions before jump-dev/Ipopt.jl PR 535 (2026-04) fail: splats into Any[], abstract option values, error strings, @cfunction callbacks",
    reason: "it needs the typed oracle of PR 535 and no MathOptInterface",
    evidence: [
      "https://github.com/jump-dev/Ipopt.jl/pull/478",
      "https://github.com/jump-dev/Ipopt.jl/pull/535"
    ]
  },
  {
    name: "HDF5",
    status: "breaks",
    reason: "its __init__ uses Requires.jl's @require, which the verifier cannot resolve (isprecompiling()::Any)",
    evidence: [
      "https://discourse.julialang.org/t/juliac-hdf5/140113"
    ]
  },
  {
    name: "Requires",
    status: "breaks",
    reason: "@require in an __init__ cannot be verified; every __init__ is an entry point",
    evidence: [
      "https://discourse.julialang.org/t/juliac-hdf5/140113"
    ]
  },
  {
    name: "ProgressMeter",
    status: "care",
    packageVersions: "versions before timholy/ProgressMeter.jl PR 366 load Distributed (9 verifier errors on Julia 1.13.0 / JuliaC 0.3.10); PRs 367 and 368 fixed output typing and the Main.IJulia check",
    reason: "fails before Distributed moved into a package extension; print to a concrete IO",
    evidence: [
      "https://github.com/timholy/ProgressMeter.jl/pull/366",
      "https://github.com/timholy/ProgressMeter.jl/pull/367",
      "https://github.com/timholy/ProgressMeter.jl/pull/368"
    ]
  },
  {
    name: "FFTW",
    status: "breaks",
    reason: "plan finalizers over Vector{FFTWPlan} are unresolved, and its FakeLazyLibrary fails with a TypeError at run time",
    evidence: [
      "https://github.com/JuliaMath/FFTW.jl/issues/319",
      "https://github.com/JuliaMath/FFTW.jl/pull/327",
      "https://github.com/alex-s-gardner/AutoRIFT.jl/blob/main/app/README.md"
    ]
  },
  {
    name: "MPI",
    status: "breaks",
    reason: "MPI.Init() calls hooks stored in a Vector{Any}",
    evidence: [
      "https://github.com/JuliaParallel/MPI.jl/issues/931"
    ]
  },
  {
    name: "TimeZones",
    status: "breaks",
    reason: "using TimeZones crashed a trimmed library (possibly fixed by TZJData PR 62)",
    evidence: [
      "https://github.com/JuliaTime/TimeZones.jl/issues/507"
    ]
  },
  {
    name: "FunctionWrappers",
    status: "breaks",
    reason: "wrapped callables are called through run-time function pointers the verifier cannot see (reported for Turing/Optimization/SciMLBase stacks) (one third-party report; repository not identified, unverified)",
    evidence: []
  },
  {
    name: "ForwardDiff",
    status: "care",
    reason: "reported to pass the verifier with zero errors and then fail with a MethodError at run time: run the binary (one third-party report; repository not identified, unverified)",
    evidence: []
  },
  {
    name: "HTTP",
    status: "care",
    reason: "server parts are verifier-clean, but package-local Task entries fail at run time (see TRIM501)",
    evidence: [
      "https://github.com/JuliaWeb/HTTP.jl/blob/1c028cda92e2c2c486a2990cc17f8188d168ba5d/trim-task-entrypoint-root-cause.md"
    ]
  },
  {
    name: "Sockets",
    status: "works",
    reason: "failed on 1.12.0-rc1 on Windows only; connect/write/close are in Julia's Trimmability test",
    evidence: [
      "https://github.com/JuliaLang/julia/issues/59397",
      "https://github.com/JuliaLang/julia/tree/master/test/trim"
    ]
  },
  {
    name: "JSON",
    status: "works",
    packageVersions: ">= 1.0 (typed parsing and writing; a trim workload is in its test suite)",
    reason: "typed parsing (JSON.parse(s, MyStruct)) trims; untyped results are Dict{String,Any}",
    evidence: [
      "https://github.com/JuliaIO/JSON.jl/pull/475",
      "https://github.com/JuliaIO/JSON.jl/pull/486"
    ]
  },
  {
    name: "StructUtils",
    status: "works",
    reason: "has its own trim compile tests",
    evidence: [
      "https://github.com/JuliaIO/JSON.jl/pull/486"
    ]
  },
  {
    name: "SHA",
    status: "works",
    reason: "bytes2hex(sha256(\"hello\")) is in JuliaC's DepProject test",
    evidence: [
      "https://github.com/JuliaLang/JuliaC.jl/tree/main/test"
    ]
  },
  {
    name: "Base64",
    status: "works",
    reason: "base64encode/base64decode are in Julia's trim tests",
    evidence: [
      "https://github.com/JuliaLang/julia/tree/master/test/trim"
    ]
  },
  {
    name: "SparseArrays",
    status: "works",
    reason: "constructors, products, broadcast and reductions are in Julia's trim tests",
    evidence: [
      "https://github.com/JuliaLang/julia/tree/master/test/trim"
    ]
  },
  {
    name: "LinearAlgebra",
    status: "works",
    statusByVersion: {
      "1.13": "care",
      nightly: "care"
    },
    reason: "norm, dot, mul! trim; on 1.13 BLAS/LAPACK are LazyLibrary products and a trimmed .so aborted on the first BLAS call (fixes in julia PRs 62910/62912)",
    evidence: [
      "https://github.com/JuliaLang/julia/issues/61906",
      "https://github.com/JuliaLang/julia/pull/62912"
    ]
  }
];
