import Foundation

/// Location of the session store: an embedded SQLite file, or a PostgreSQL server that several
/// gateways share.
///
/// A PostgreSQL URL may contain a password, so `description` prints it as `<redacted>`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite database file, written `sqlite:PATH`. A relative path is relative to the
    /// working directory.
    case sqlite(path: String)

    /// A PostgreSQL connection URL with the scheme `postgres` or `postgresql`.
    case postgres(url: String)

    /// Parses `sqlite:PATH` with a non-empty path, or a `postgres://` or `postgresql://` URL,
    /// or returns nil.
    public init?(parsing text: String) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
            return
        }
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql",
            text.dropFirst(scheme.count).hasPrefix("://")
        else { return nil }
        self = .postgres(url: text)
    }

    public var description: String {
        switch self {
        case .sqlite(let path):
            return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url), components.password != nil else {
                return url
            }
            components.password = "redacted"
            return components.string?.replacingOccurrences(of: ":redacted@", with: ":<redacted>@")
                ?? "postgres://<redacted>"
        }
    }
}
