extension ConfigurationReader {
    /// The keys of `limits`, the fields they set and their valid ranges.
    static var limitSettings: [IntegerSetting<Limits>] {
        [
            IntegerSetting("max_body_bytes", \.maxBodyBytes, 1...16_777_216),
            IntegerSetting("max_header_bytes", \.maxHeaderBytes, 1024...1_048_576),
            IntegerSetting("header_timeout_ms", \.headerTimeoutMs, 100...600_000),
            IntegerSetting("idle_timeout_ms", \.idleTimeoutMs, 1000...3_600_000),
            IntegerSetting("max_connections", \.maxConnections, 1...65_536),
        ]
    }

    /// The keys of `shutdown`, the fields they set and their valid ranges.
    static var shutdownSettings: [IntegerSetting<Shutdown>] {
        [
            IntegerSetting("grace_ms", \.graceMs, 0...600_000),
            IntegerSetting("drain_timeout_ms", \.drainTimeoutMs, 0...600_000),
        ]
    }

    /// Reads `limits` over the defaults in `limits`.
    func readLimits(_ value: Any, at keyPath: String, into limits: inout Limits) {
        let settings = Self.limitSettings
        guard let object = object(value, at: keyPath, knownKeys: settings.map(\.key)) else {
            return
        }
        readIntegers(object, at: keyPath, settings: settings, into: &limits)
    }

    /// Reads `shutdown` over the defaults in `shutdown`.
    func readShutdown(_ value: Any, at keyPath: String, into shutdown: inout Shutdown) {
        let settings = Self.shutdownSettings
        guard let object = object(value, at: keyPath, knownKeys: settings.map(\.key)) else {
            return
        }
        readIntegers(object, at: keyPath, settings: settings, into: &shutdown)
    }

    /// Reads the list of known category names: non-empty, unique, each `[a-z0-9_]+` of at
    /// most 64 characters.
    func readCategories(_ value: Any, at keyPath: String) -> [String]? {
        guard let items = array(value, at: keyPath) else { return nil }
        guard !items.isEmpty else {
            report(keyPath, "the list is empty; expected at least one category name")
            return nil
        }
        var names: [String] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let path = Self.join(keyPath, index: index)
            guard let name = string(item, at: path) else {
                valid = false
                continue
            }
            if !Self.isCategoryName(name) {
                report(
                    path,
                    "invalid category name \(Self.quote(name)); expected 1 to 64 characters of "
                        + "a-z, 0-9 and _"
                )
                valid = false
            } else if names.contains(name) {
                report(path, "duplicate category name \(Self.quote(name))")
                valid = false
            }
            names.append(name)
        }
        return valid ? names : nil
    }

    private static func isCategoryName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_")
            }
    }
}
