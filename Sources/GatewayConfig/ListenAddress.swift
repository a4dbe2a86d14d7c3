#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IP address and TCP port to listen on, written `127.0.0.1:8080` or `[::1]:8080`.
///
/// Only IP literals are accepted, so that whether the address is a loopback address is known
/// without a DNS lookup.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family of `host`.
    public enum Family: Sendable, Hashable {
        /// An IPv4 address such as `127.0.0.1`.
        case ipv4
        /// An IPv6 address such as `::1`.
        case ipv6
    }

    /// The IP literal, without brackets for IPv6.
    public let host: String

    /// TCP port, range 0 to 65535, where 0 lets the system pick a free port.
    public let port: Int

    /// Whether `host` is an IPv4 or an IPv6 address.
    public let family: Family

    /// Whether `host` is a loopback address (127.0.0.0/8, `::1`, or `::ffff:127.x.y.z`).
    public let isLoopback: Bool

    /// Creates an address from an IP literal without brackets and a port, or returns nil when
    /// either is invalid.
    public init?(host: String, port: Int) {
        guard (0...65535).contains(port), let address = IPAddress(host) else { return nil }
        self.host = host
        self.port = port
        self.family = address.family
        self.isLoopback = address.isLoopback
    }

    /// Parses `IPV4:PORT` or `[IPV6]:PORT`, or returns nil.
    public init?(parsing text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.firstIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            guard !hostPart.contains(":") else { return nil }
        }
        guard (1...5).contains(portPart.utf8.count), portPart.utf8.allSatisfy(Self.isDigit),
            let port = Int(portPart)
        else { return nil }
        let address = IPAddress(String(hostPart))
        guard address?.family == (text.hasPrefix("[") ? .ipv6 : .ipv4) else { return nil }
        self.init(host: String(hostPart), port: port)
    }

    public var description: String {
        family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// A parsed IP literal, used to tell loopback addresses apart.
struct IPAddress {
    /// The address family.
    let family: ListenAddress.Family
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]

    /// Parses an IPv4 or IPv6 literal without brackets, or returns nil.
    init?(_ text: String) {
        var buffer = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &buffer) == 1 {
            family = .ipv4
            bytes = Array(buffer.prefix(4))
        } else if inet_pton(AF_INET6, text, &buffer) == 1 {
            family = .ipv6
            bytes = buffer
        } else {
            return nil
        }
    }

    /// Whether the address is 127.0.0.0/8, `::1`, or an IPv4-mapped 127.0.0.0/8 address.
    var isLoopback: Bool {
        switch family {
        case .ipv4:
            return bytes[0] == 127
        case .ipv6:
            let mappedPrefix = [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF]
            if bytes.starts(with: mappedPrefix) { return bytes[12] == 127 }
            return bytes == [UInt8](repeating: 0, count: 15) + [1]
        }
    }
}
