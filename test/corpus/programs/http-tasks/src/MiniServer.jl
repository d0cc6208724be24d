module MiniServer

using Sockets

struct Request
    method::String
    target::String
end

function handle(conn::TCPSocket)
    line = readline(conn)  # label: TRIM102 none
    parts = split(line)
    req = Request(String(parts[1]), String(parts[2]))
    write(conn, "HTTP/1.1 200 OK\r\n\r\n", req.target)
    close(conn)
    return nothing
end

function serve(port::Int)
    server = listen(port)
    while true
        conn = accept(server)
        @async handle(conn)  # label: TRIM501 warning
    end
end

request(url::String; timeout::Int = 10) = Request("GET", url)

function fetch_all(urls::Vector{String}, opts::Dict{Symbol,Any})
    tasks = [Threads.@spawn request(u; opts...) for u in urls]  # label: TRIM501 warning, TRIM302 warning
    return map(fetch, tasks)
end

function watchdog()
    sleep(1.0)
    return nothing
end

function (@main)(args::Vector{String})
    errormonitor(schedule(Task(watchdog)))  # label: TRIM501 warning
    rs = fetch_all(["a", "b"], Dict{Symbol,Any}(:timeout => 5))
    println(Core.stdout, length(rs))
    serve(8080)
    return 0
end

end
