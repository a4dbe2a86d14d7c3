/// A service allowed to call the gateway, identified by its bearer key (key `callers[N]`).
///
/// The key is a secret, so `description`, `debugDescription` and reflection print the name and
/// scopes only.
public struct CallerConfiguration: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// Name used in logs and metrics: 1 to 64 characters of `A-Z a-z 0-9 . _ -`, unique among
    /// callers. Key `name`, required.
    public var name: String

    /// The resolved bearer key, read from exactly one of the keys `key`, `key_env` (an
    /// environment variable) or `key_file` (a file, trimmed of surrounding white space).
    public var key: String

    /// Endpoint groups the caller may use. Key `scopes`, a non-empty list of `push` and
    /// `sessions`.
    public var scopes: Set<Scope>

    /// Creates a caller. The loader validates files, but this initializer checks nothing.
    public init(name: String, key: String, scopes: Set<Scope>) {
        self.name = name
        self.key = key
        self.scopes = scopes
    }

    public var description: String {
        let scopeNames = scopes.map(\.rawValue).sorted().joined(separator: ",")
        return "caller \(name) (scopes \(scopeNames), key <redacted>)"
    }

    public var debugDescription: String { "CallerConfiguration(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "scopes": scopes, "key": "<redacted>"])
    }
}
