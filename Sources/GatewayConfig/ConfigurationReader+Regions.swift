import Foundation

extension ConfigurationReader {
    /// Keys of one region object.
    static let regionKeys = [
        "base_url", "ca_file", "timeout_ms", "retry", "circuit", "max_connections",
    ]

    /// The integer keys of a region, the fields they set and their valid ranges.
    static var regionSettings: [IntegerSetting<RegionConfiguration>] {
        [
            IntegerSetting("timeout_ms", \.timeoutMs, 100...300_000),
            IntegerSetting("max_connections", \.maxConnections, 1...1024),
        ]
    }

    /// The keys of `retry`, the fields they set and their valid ranges.
    static var retrySettings: [IntegerSetting<RetrySettings>] {
        [
            IntegerSetting("max_attempts", \.maxAttempts, 1...10),
            IntegerSetting("base_delay_ms", \.baseDelayMs, 0...60_000),
            IntegerSetting("max_delay_ms", \.maxDelayMs, 0...300_000),
        ]
    }

    /// The keys of `circuit`, the fields they set and their valid ranges.
    static var circuitSettings: [IntegerSetting<CircuitSettings>] {
        [
            IntegerSetting("failure_threshold", \.failureThreshold, 1...1000),
            IntegerSetting("open_ms", \.openMs, 100...3_600_000),
        ]
    }

    /// Reads the `regions` object, which replaces the default regions as a whole.
    func readRegions(_ value: Any, at keyPath: String) -> [String: RegionConfiguration]? {
        guard let object = object(value, at: keyPath) else { return nil }
        guard !object.isEmpty else {
            report(keyPath, "no regions; expected at least one, such as \"eu\"")
            return nil
        }
        var regions: [String: RegionConfiguration] = [:]
        var valid = true
        for (name, regionValue) in object.sorted(by: { $0.key < $1.key }) {
            let path = Self.join(keyPath, name)
            guard Self.isRegionName(name) else {
                report(
                    path,
                    "invalid region name \(Self.quote(name)); expected 1 to 32 characters of "
                        + "a-z, 0-9, _ and -"
                )
                valid = false
                continue
            }
            guard let region = readRegion(regionValue, at: path) else {
                valid = false
                continue
            }
            regions[name] = region
        }
        return valid ? regions : nil
    }

    private func readRegion(_ value: Any, at keyPath: String) -> RegionConfiguration? {
        guard let object = object(value, at: keyPath, knownKeys: Self.regionKeys) else {
            return nil
        }
        let problemsBefore = problems.count
        var region = RegionConfiguration(baseURL: "")
        if let value = object["base_url"] {
            region.baseURL = readBaseURL(value, at: Self.join(keyPath, "base_url")) ?? ""
        } else {
            report(
                Self.join(keyPath, "base_url"),
                "missing; expected the region's API URL, such as https://api.eu.navixy.com/v2"
            )
        }
        if let value = object["ca_file"] {
            region.caFile = readCAFile(value, at: Self.join(keyPath, "ca_file"))
        }
        readIntegers(object, at: keyPath, settings: Self.regionSettings, into: &region)
        if let value = object["retry"] {
            readRetry(value, at: Self.join(keyPath, "retry"), into: &region.retry)
        }
        if let value = object["circuit"] {
            let path = Self.join(keyPath, "circuit")
            let settings = Self.circuitSettings
            if let circuit = self.object(value, at: path, knownKeys: settings.map(\.key)) {
                readIntegers(circuit, at: path, settings: settings, into: &region.circuit)
            }
        }
        return problems.count == problemsBefore ? region : nil
    }

    private func readRetry(_ value: Any, at keyPath: String, into retry: inout RetrySettings) {
        let settings = Self.retrySettings
        guard let object = object(value, at: keyPath, knownKeys: settings.map(\.key)) else {
            return
        }
        let problemsBefore = problems.count
        readIntegers(object, at: keyPath, settings: settings, into: &retry)
        // Compare the delays unless one of them was itself wrong; a problem with another key,
        // such as max_attempts, must not hide this one.
        let delayKeys = ["base_delay_ms", "max_delay_ms"].map { Self.join(keyPath, $0) }
        let delaysValid = problems[problemsBefore...].allSatisfy { !delayKeys.contains($0.keyPath) }
        if delaysValid && retry.baseDelayMs > retry.maxDelayMs {
            report(
                Self.join(keyPath, "base_delay_ms"),
                "\(retry.baseDelayMs) is above max_delay_ms (\(retry.maxDelayMs)); expected at "
                    + "most max_delay_ms"
            )
        }
    }

    /// Reads a CA bundle path, which must name a readable file with at least one PEM
    /// certificate, so that a wrong path fails at start instead of on the first call.
    private func readCAFile(_ value: Any, at keyPath: String) -> String? {
        guard let path = string(value, at: keyPath) else { return nil }
        guard !path.isEmpty else {
            report(keyPath, "empty path; expected the path of a PEM certificate bundle")
            return nil
        }
        let content: String
        do {
            content = try readFile(path)
        } catch {
            report(keyPath, "failed to read \(Self.quote(path)): \(error.localizedDescription)")
            return nil
        }
        guard content.contains("-----BEGIN CERTIFICATE-----") else {
            report(
                keyPath,
                "\(Self.quote(path)) contains no PEM certificate; expected a bundle of "
                    + "\"-----BEGIN CERTIFICATE-----\" blocks")
            return nil
        }
        return path
    }

    private static func isRegionName(_ name: String) -> Bool {
        (1...32).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }
}
