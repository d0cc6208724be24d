struct Options
    input::String
    output::String
    scale::Float64
    verbose::Bool
end

function usage()
    println(Core.stderr, "usage: app INPUT [--out PATH] [--scale X] [--verbose]")
    return 2
end

function parse_options(args::Vector{String})
    input = ""
    output = "out.txt"
    scale = 1.0
    verbose = false
    i = 1
    while i <= length(args)
        a = args[i]
        if a == "--out" && i < length(args)
            output = args[i + 1]
            i += 2
        elseif a == "--scale" && i < length(args)
            s = tryparse(Float64, args[i + 1])
            s === nothing && return nothing
            scale = s
            i += 2
        elseif a == "--verbose"
            verbose = true
            i += 1
        else
            input = a
            i += 1
        end
    end
    isempty(input) && return nothing
    return Options(input, output, scale, verbose)
end

function process(opts::Options)
    io = open(opts.input, "r")
    values = Float64[]
    try
        for line in eachline(io)
            v = tryparse(Float64, strip(line))
            v === nothing || push!(values, v * opts.scale)
        end
    finally
        close(io)
    end
    out = open(opts.output, "w")
    try
        for v in values
            println(out, v)
        end
    finally
        close(out)
    end
    return length(values)
end

function (@main)(args::Vector{String})::Cint
    opts = parse_options(args)
    opts === nothing && return usage()
    n = process(opts)
    opts.verbose && println(Core.stdout, "wrote ", n, " values to ", opts.output)
    return 0
end
