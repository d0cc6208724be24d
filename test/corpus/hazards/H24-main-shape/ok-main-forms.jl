# The full form from Julia's test/trim programs.
function (@main)(args::Vector{String})::Cint  # label: TRIM701 none
    println(Core.stdout, length(args))
    return 0
end
