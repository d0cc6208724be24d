module Convert

using ArgParse  # label: TRIM703 warning

function settings()
    s = ArgParseSettings(description = "Scale a value")
    @add_arg_table! s begin
        "--scale"
            arg_type = Float64
            default = 1.0
        "input"
            required = true
    end
    return s
end

function (@main)(args::Vector{String})
    parsed = parse_args(args, settings())
    println("input: ", parsed["input"])  # label: TRIM101 error
    println(Core.stdout, "scaled: ", parsed["scale"] * 2)  # label: warning
    return 0
end

end
