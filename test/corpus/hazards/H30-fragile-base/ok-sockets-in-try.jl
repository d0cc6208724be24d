# Sockets.connect/write/close inside try is in Julia's Trimmability test.
using Sockets

function ping(port::Int)
    try
        sock = Sockets.connect(port)  # label: TRIM307 none
        write(sock, "ping")
        close(sock)
        return true
    catch
        return false
    end
end

function (@main)(args)
    println(Core.stdout, ping(8080))
    return 0
end
