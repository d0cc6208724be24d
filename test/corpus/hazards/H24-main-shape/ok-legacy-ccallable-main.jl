# The legacy executable entry accepted by juliac.
Base.@ccallable function main()::Cint  # label: TRIM701 none
    println(Core.stdout, "legacy entry")
    return 0
end
