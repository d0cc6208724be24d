# DEPOT_PATH, LOAD_PATH and Sys.BINDIR are emptied in the image; @__DIR__ is the build machine's.
function data_file()
    return joinpath(@__DIR__, "data.txt")  # label: TRIM802 info
end

function depot()
    return isempty(DEPOT_PATH) ? "" : DEPOT_PATH[1]  # label: TRIM802 info
end

function (@main)(args)
    println(Core.stdout, data_file(), " ", depot(), " ", Sys.BINDIR)  # label: TRIM802 info
    return 0
end
