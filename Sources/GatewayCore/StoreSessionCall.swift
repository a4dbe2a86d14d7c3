/// A validated call to store or replace the session hash of a subject.
public struct StoreSessionCall: Hashable, Sendable {
    /// The Navixy session hash, lower-cased.
    public let hash: SessionHash
    /// The name of the configured region whose Navixy endpoint issued the hash.
    public let region: String

    /// Creates a call from validated parts.
    public init(hash: SessionHash, region: String) {
        self.hash = hash
        self.region = region
    }

    /// Validates a body `{"hash", "region"}`, checking the hash first.
    ///
    /// Throws `invalid_hash` unless `hash` is a string of 32 hexadecimal characters, and
    /// `unknown_region` unless `region` is a string that names one of `regions` exactly.
    /// Other members are ignored.
    public static func parse(
        _ object: [String: Any], regions: Set<String>
    ) throws(GatewayError) -> StoreSessionCall {
        let hashRequirement = "a string of 32 hexadecimal characters"
        let hashText = try JSONBody.requiredString(
            "hash", in: object, code: .invalidHash, requirement: hashRequirement)
        guard let hash = SessionHash(hashText) else {
            throw GatewayError(.invalidHash, "\"hash\" must be \(hashRequirement).")
        }

        let regionRequirement =
            "the name of a configured region: " + regions.sorted().joined(separator: ", ")
        let region = try JSONBody.requiredString(
            "region", in: object, code: .unknownRegion, requirement: regionRequirement)
        guard regions.contains(region) else {
            throw GatewayError(.unknownRegion, "\"region\" must be \(regionRequirement).")
        }
        return StoreSessionCall(hash: hash, region: region)
    }
}
