function separator()
    @static if Sys.iswindows()  # label: TRIM704 none
        return "\\"
    else
        return "/"
    end
end

function (@main)(args)
    println(Core.stdout, separator(), " ", Sys.islinux() ? "linux" : "other")  # label: TRIM704 none
    return 0
end
