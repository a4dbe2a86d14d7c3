import Foundation

extension ConfigurationReader {
    /// Keys of one caller object.
    static let callerKeys = ["name", "key", "key_env", "key_file", "scopes"]

    /// The keys that give a caller's key, of which exactly one must be present.
    private static let keySources = ["key", "key_env", "key_file"]

    /// Keys shorter than this, in characters, are legal but logged as a warning.
    static let recommendedKeyLength = 16

    /// Reads the `callers` list. Names and keys must be unique, because a key identifies its
    /// caller and a name labels its logs and metrics.
    func readCallers(_ value: Any, at keyPath: String) -> [CallerConfiguration]? {
        guard let items = array(value, at: keyPath) else { return nil }
        var callers: [CallerConfiguration] = []
        var pathByName: [String: String] = [:]
        var pathByKey: [String: String] = [:]
        for (index, item) in items.enumerated() {
            let path = Self.join(keyPath, index: index)
            guard let object = object(item, at: path, knownKeys: Self.callerKeys) else { continue }
            let problemsBefore = problems.count
            let name = readCallerName(object["name"], at: Self.join(path, "name"))
            if let name, let other = pathByName[name] {
                let message = "duplicate caller name \(Self.quote(name)), already used by \(other)"
                report(Self.join(path, "name"), message)
            }
            let key = readCallerKey(object, at: path)
            if let key, let other = pathByKey[key] {
                let message =
                    "the key is the same as the key of \(other); give each caller its own key"
                report(path, message)
            }
            let scopes = readScopes(object["scopes"], at: Self.join(path, "scopes"))
            if let name, pathByName[name] == nil { pathByName[name] = path }
            if let key, pathByKey[key] == nil { pathByKey[key] = path }
            if let name, let key, let scopes, problems.count == problemsBefore {
                callers.append(CallerConfiguration(name: name, key: key, scopes: scopes))
            }
        }
        return callers.count == items.count ? callers : nil
    }

    private func readCallerName(_ value: Any?, at keyPath: String) -> String? {
        let hint = "expected 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'"
        guard let value else {
            report(keyPath, "missing; \(hint)")
            return nil
        }
        guard let name = string(value, at: keyPath) else { return nil }
        let allowed = name.utf8.allSatisfy { byte in
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard (1...64).contains(name.utf8.count), allowed else {
            report(keyPath, "invalid caller name \(Self.quote(name)); \(hint)")
            return nil
        }
        return name
    }

    /// Resolves the caller's key from its one source. The key's value never enters a
    /// message, since the messages end up in logs and terminals.
    private func readCallerKey(_ object: [String: Any], at keyPath: String) -> String? {
        let present = Self.keySources.filter { object[$0] != nil }
        guard present.count == 1, let source = present.first, let value = object[source] else {
            let found = present.isEmpty ? "none" : present.joined(separator: " and ")
            report(keyPath, "expected exactly one of key, key_env or key_file, found \(found)")
            return nil
        }
        let sourcePath = Self.join(keyPath, source)
        guard let text = string(value, at: sourcePath) else { return nil }
        let resolved: String?
        switch source {
        case "key_env": resolved = keyFromEnvironment(variable: text, at: sourcePath)
        case "key_file": resolved = keyFromFile(path: text, at: sourcePath)
        default: resolved = text.isEmpty ? nil : text
        }
        guard let key = resolved else {
            if source == "key" { report(sourcePath, "empty key; expected a non-empty key") }
            return nil
        }
        return checkKeyCharacters(key, at: sourcePath) ? key : nil
    }

    private func keyFromEnvironment(variable: String, at keyPath: String) -> String? {
        guard !variable.isEmpty else {
            report(keyPath, "empty variable name; expected the name of an environment variable")
            return nil
        }
        guard let key = environment[variable], !key.isEmpty else {
            let state = environment[variable] == nil ? "not set" : "empty"
            report(
                keyPath,
                "the environment variable \(variable) is \(state); set it to the caller's key"
            )
            return nil
        }
        return key
    }

    private func keyFromFile(path: String, at keyPath: String) -> String? {
        guard !path.isEmpty else {
            report(keyPath, "empty path; expected the path of a file holding the caller's key")
            return nil
        }
        let content: String
        do {
            content = try readFile(path)
        } catch {
            report(
                keyPath,
                "failed to read key file \(Self.quote(path)): \(error.localizedDescription)"
            )
            return nil
        }
        let key = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            report(keyPath, "the key file \(Self.quote(path)) is empty; write the key into it")
            return nil
        }
        return key
    }

    /// Checks that a key can travel in an `Authorization: Bearer` header, and warns when it is
    /// short enough to guess.
    private func checkKeyCharacters(_ key: String, at keyPath: String) -> Bool {
        guard key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            report(
                keyPath,
                "the key contains white space, a control character or a non-ASCII character; "
                    + "expected visible ASCII characters only"
            )
            return false
        }
        if key.count < Self.recommendedKeyLength {
            warn(
                keyPath,
                "the key has \(key.count) characters; use at least "
                    + "\(Self.recommendedKeyLength) random characters"
            )
        }
        return true
    }

    private func readScopes(_ value: Any?, at keyPath: String) -> Set<Scope>? {
        let hint = "expected a non-empty list of push and sessions"
        guard let value else {
            report(keyPath, "missing; \(hint)")
            return nil
        }
        guard let items = array(value, at: keyPath) else { return nil }
        guard !items.isEmpty else {
            report(keyPath, "the list is empty; \(hint)")
            return nil
        }
        var scopes: Set<Scope> = []
        var valid = true
        for (index, item) in items.enumerated() {
            let path = Self.join(keyPath, index: index)
            guard let name = string(item, at: path) else {
                valid = false
                continue
            }
            guard let scope = Scope(rawValue: name) else {
                report(path, "unknown scope \(Self.quote(name)); expected push or sessions")
                valid = false
                continue
            }
            scopes.insert(scope)
        }
        return valid ? scopes : nil
    }
}
