# make_table runs only while building, to compute a constant.
function make_table(n::Int)
    t = Dict()  # label: TRIM203 none
    for i in 1:n
        t[i] = string(i)
    end
    println("table built")  # label: TRIM101 none
    return Dict{Int,String}(t)
end

const TABLE = make_table(5)

function (@main)(args)
    println(Core.stdout, TABLE[3])
    return 0
end
