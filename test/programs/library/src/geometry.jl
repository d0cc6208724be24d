struct Square
    side::Float64
end

area(s::Square) = s.side^2

function debug_area(s::Square)
    @show area(s)  # expect: TRIM101 error
end
