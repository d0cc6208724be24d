function run_script(path::String)
    code = read(path, String)
    include_string(Main, code)  # label: TRIM401 warning
    return nothing
end

function (@main)(args)
    run_script(args[1])
    return 0
end
