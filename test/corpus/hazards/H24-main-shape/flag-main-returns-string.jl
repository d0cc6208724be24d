(@main)(args) = isempty(args) ? "none" : "some"  # label: TRIM701 warning
