# Top-level code runs while the image is built, in an ordinary Julia session.
println("building the greeter")  # label: TRIM101 none
@show VERSION  # label: TRIM101 none

function (@main)(args)
    println(Core.stdout, "hello")
    return 0
end
