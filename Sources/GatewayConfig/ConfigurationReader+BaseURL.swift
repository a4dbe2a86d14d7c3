import Foundation

extension ConfigurationReader {
    private static let baseURLHint =
        "expected an absolute http:// or https:// URL such as https://api.eu.navixy.com/v2"

    /// Reads a region's base URL and returns it without trailing slashes, or nil after
    /// recording why it cannot be used. Warns about plain `http://` to a non-loopback host,
    /// because hashes would then cross the network unencrypted.
    func readBaseURL(_ value: Any, at keyPath: String) -> String? {
        guard let text = string(value, at: keyPath) else { return nil }
        guard let components = URLComponents(string: text), let scheme = components.scheme
        else {
            report(keyPath, "invalid URL \(Self.quote(text)); \(Self.baseURLHint)")
            return nil
        }
        let lowerScheme = scheme.lowercased()
        if let problem = Self.baseURLProblem(components, scheme: lowerScheme, text: text) {
            report(keyPath, problem)
            return nil
        }
        if lowerScheme == "http" && !Self.isLoopbackHost(components.host ?? "") {
            warn(
                keyPath,
                "plain http:// to the non-loopback host \(Self.quote(components.host ?? "")) "
                    + "sends session hashes unencrypted; use https:// unless the network is "
                    + "trusted"
            )
        }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// Returns what is wrong with a parsed URL, or nil when it can serve as a base URL.
    private static func baseURLProblem(
        _ components: URLComponents,
        scheme: String,
        text: String
    ) -> String? {
        // User information comes first and the URL stays out of that message, because it may
        // contain a password.
        guard components.user == nil && components.password == nil else {
            return "user information is not allowed in a base URL; \(baseURLHint)"
        }
        guard scheme == "http" || scheme == "https" else {
            return "unsupported scheme \(quote(scheme)) in \(quote(text)); \(baseURLHint)"
        }
        guard text.dropFirst(scheme.count).hasPrefix("://"),
            let host = components.host, !host.isEmpty
        else {
            return "no host in \(quote(text)); \(baseURLHint)"
        }
        guard components.query == nil else {
            return "a query is not allowed in \(quote(text)); \(baseURLHint)"
        }
        guard components.fragment == nil else {
            return "a fragment is not allowed in \(quote(text)); \(baseURLHint)"
        }
        return nil
    }

    /// Returns whether a URL host is `localhost` or a loopback IP literal, brackets allowed.
    static func isLoopbackHost(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var literal = Substring(host)
        if literal.hasPrefix("[") && literal.hasSuffix("]") {
            literal = literal.dropFirst().dropLast()
        }
        return IPAddress(String(literal))?.isLoopback ?? false
    }
}
