import Foundation

/// A loopback port where nothing listens, for tests that need a connection to be refused.
///
/// The socket stays bound, without listening, until the reservation is released, so no other
/// test's server can take the port meanwhile; connecting to it is refused.
final class ReservedLoopbackPort {
    /// The reserved port on 127.0.0.1.
    let port: Int
    private let socketDescriptor: Int32

    /// Binds a socket to 127.0.0.1 port 0 and keeps it bound.
    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw EndToEndError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw EndToEndError("bind() to 127.0.0.1:0 failed: errno \(errno)")
        }
        socketDescriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(socketDescriptor)
    }
}
