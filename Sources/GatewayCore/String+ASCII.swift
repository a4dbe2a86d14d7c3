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
