# _main calls exit(main(args)); exit(nothing) fails at run time (only a verifier warning).
function (@main)(args)
    println(Core.stdout, "done")  # label: TRIM701 warning
end
