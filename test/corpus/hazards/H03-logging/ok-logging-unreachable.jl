function verbose_report(x::Int)
    @info "report" x  # label: TRIM103 none
end

function (@main)(args)
    println(Core.stdout, length(args))
    return 0
end
