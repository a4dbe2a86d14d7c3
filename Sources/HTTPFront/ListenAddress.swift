#if canImport(Glibc)
    import Glibc
#endif

/// A numeric IPv4 or IPv6 address and a port, ready for `bind`.
struct ListenAddress {
    private enum Storage {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }

    private let storage: Storage

    /// Whether the address is IPv6, which libmicrohttpd needs as the `MHD_USE_IPv6` flag.
    var isIPv6: Bool {
        if case .v6 = storage { return true }
        return false
    }

    /// Parses `host` as a numeric address; host names are rejected because resolving them is
    /// the caller's choice to make.
    init(host: String, port: Int) throws(HTTPServerError) {
        let networkPort = UInt16(clamping: port).bigEndian
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = networkPort
            storage = .v4(v4)
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = networkPort
            storage = .v6(v6)
            return
        }
        throw HTTPServerError(
            operation: "inet_pton",
            reason: "host \"\(host)\" is not a numeric IPv4 or IPv6 address"
        )
    }

    /// Runs `body` with a pointer to the `sockaddr`, valid only during the call.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>) -> Result) -> Result {
        switch storage {
        case .v4(var address):
            return withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1, body)
            }
        case .v6(var address):
            return withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1, body)
            }
        }
    }
}
