# A library module checked next to an app that uses it: without entrypoints of its own, every
# function in it stays a root, so its findings keep their severity.
module Geo

area(w, h) = w * h

function debug_area(w, h)
    println("area = ", area(w, h))  # expect: TRIM101 error
end

end
