/// The writer of the Prometheus text exposition format, version 0.0.4.
enum TextFormat {
    /// Appends the `# HELP` and `# TYPE` lines of a metric.
    static func appendHeader(name: String, help: String, type: String, to output: inout String) {
        output += "# HELP " + name + " " + escaped(help, quotes: false) + "\n"
        output += "# TYPE " + name + " " + type + "\n"
    }

    /// Appends one sample line, `name{label="value",...} value`.
    static func appendSample(
        name: String, labels: [(name: String, value: String)], value: String,
        to output: inout String
    ) {
        output += name
        if !labels.isEmpty {
            output += "{"
            output += labels.map { $0.name + "=\"" + escaped($0.value, quotes: true) + "\"" }
                .joined(separator: ",")
            output += "}"
        }
        output += " " + value + "\n"
    }

    /// Formats a sample value or bucket bound: whole numbers without a fraction, and `+Inf`,
    /// `-Inf` and `NaN` as the format spells them.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Escapes a backslash and a line feed, and in label values a double quote too.
    private static func escaped(_ text: String, quotes: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\"" where quotes: result += "\\\""
            default: result.append(character)
            }
        }
        return result
    }
}

/// The rules for metric and label names in the format.
enum MetricName {
    /// Returns whether `name` matches `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValid(_ name: String) -> Bool {
        matches(name, allowsColon: true)
    }

    /// Returns whether `name` matches `[a-zA-Z_][a-zA-Z0-9_]*` and does not start with `__`, which
    /// Prometheus reserves for its own labels.
    static func isValidLabel(_ name: String) -> Bool {
        matches(name, allowsColon: false) && !name.hasPrefix("__")
    }

    private static func matches(_ name: String, allowsColon: Bool) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, !isDigit(first) else { return false }
        return bytes.allSatisfy { byte in
            isDigit(byte) || byte == UInt8(ascii: "_") || (allowsColon && byte == UInt8(ascii: ":"))
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
