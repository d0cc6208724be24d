# Paths taken from the command line or PROGRAM_FILE are the user's.
function (@main)(args)
    input = isempty(args) ? "input.txt" : args[1]
    here = dirname(abspath(PROGRAM_FILE))  # label: TRIM802 none
    println(Core.stdout, joinpath(here, input))
    return 0
end
