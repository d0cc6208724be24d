# 1.12 contrib/juliac: "The `main` function must be defined in `Main`."
module App

function (@main)(args)  # label: TRIM701 error
    println(Core.stdout, "app")
    return 0
end

end
