(@main)(args) = (println(Core.stdout, "hi"); 0)  # label: TRIM701 none
