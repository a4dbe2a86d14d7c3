extension String {
    /// Returns the string with `A` to `Z` lower-cased and every other scalar unchanged.
    ///
    /// Names and IDs are compared in ASCII only, so that a Unicode case mapping (the Kelvin sign
    /// lower-cases to `k`) cannot turn a foreign spelling into an accepted one.
    func asciiLowercased() -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 32) {
                scalars.append(lower)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

extension StringProtocol {
    /// Returns the text without surrounding white space and line breaks, as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` does, but without bridging: ASCII
    /// scalars are checked directly and only others consult the Unicode `White_Space` property.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceScalar }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhitespaceScalar })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is white space or a line break.
    fileprivate var isWhitespaceScalar: Bool {
        switch value {
        case 0x20, 0x09...0x0D: return true
        case 0..<0x80: return false
        default: return properties.isWhitespace
        }
    }
}
