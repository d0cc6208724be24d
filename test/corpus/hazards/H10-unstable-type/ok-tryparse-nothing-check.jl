# AutoRIFT: Union{Nothing,T} from tryparse, checked against nothing, trims.
function (@main)(args)
    n = tryparse(Int, isempty(args) ? "" : args[1])
    if n === nothing  # label: TRIM205 none
        println(Core.stderr, "not a number")
        return 1
    end
    println(Core.stdout, n + 1)  # label: TRIM205 none
    return 0
end
