import Glibc

/// The few POSIX socket calls that the fake servers and the refused-connection test need.
enum Socket {
    struct Failure: Error, CustomStringConvertible {
        var call: String
        var errno: Int32

        var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
    }

    /// Binds a TCP socket to an ephemeral port of 127.0.0.1; returns the socket and the port.
    /// With `listen` false, connections to the port are refused while the socket stays open.
    static func listenOnLoopback(listen shouldListen: Bool = true) throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(call: "socket", errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(fd, address, length) == 0 && getsockname(fd, address, &length) == 0
            }
        }
        guard bound else {
            let failure = Failure(call: "bind", errno: errno)
            close(fd)
            throw failure
        }
        if shouldListen, listen(fd, 256) != 0 {
            let failure = Failure(call: "listen", errno: errno)
            close(fd)
            throw failure
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Returns whether `fd` became readable (or closed) within `milliseconds`.
    static func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Writes every byte of `bytes`; returns false when the peer has gone.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
