import Foundation

/// Free loopback ports for tests that need an address where nothing listens.
enum LoopbackPort {
    /// Binds a socket to 127.0.0.1 port 0, reads the port the kernel chose, and closes the
    /// socket, so that connecting to the port is refused.
    static func unused() throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw EndToEndError("socket() failed: errno \(errno)") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketDescriptor, generic, length) == 0
                    && getsockname(socketDescriptor, generic, &length) == 0
            }
        }
        guard bound else { throw EndToEndError("bind() to 127.0.0.1:0 failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
