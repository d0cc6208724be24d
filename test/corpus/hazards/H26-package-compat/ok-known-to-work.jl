# Packages with trim workloads in their own tests, and stdlibs in Julia's Trimmability test.
using JSON  # label: TRIM703 none
using SHA  # label: TRIM703 none
using Base64  # label: TRIM703 none
using LinearAlgebra  # label: TRIM703 none
using SparseArrays  # label: TRIM703 none
using Printf  # label: TRIM703 none
using Sockets  # label: TRIM703 none
using StructUtils  # label: TRIM703 none

function (@main)(args)
    println(Core.stdout, bytes2hex(sha256("hello")))
    return 0
end
