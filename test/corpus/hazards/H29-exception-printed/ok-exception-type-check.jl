function (@main)(args)
    try
        sqrt(-1.0)
    catch e
        if e isa DomainError
            println(Core.stderr, "domain error")  # label: TRIM209 none
        end
        return 1
    end
    return 0
end
