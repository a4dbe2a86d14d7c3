/// One thing wrong or risky in a configuration, located by its key path.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// Dotted path of the offending key, with list indexes in brackets, such as
    /// `regions.eu.base_url` or `callers[1].scopes[0]`. Empty for the file as a whole.
    public var keyPath: String

    /// Explanation naming the defect, the value unless it is secret, and the expected form.
    public var message: String

    /// Creates a problem at `keyPath`.
    public init(keyPath: String, message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    /// The problem as one line: `regions.eu.base_url: message`, or the message alone when the
    /// key path is empty.
    public var description: String {
        keyPath.isEmpty ? message : "\(keyPath): \(message)"
    }
}
