/// The meaning of a Navixy response, before it is mapped to the gateway's response.
public enum NavixyOutcome: Hashable, Sendable {
    /// A 2xx response with `"success": true`.
    case success
    /// Navixy's error JSON, `{"success": false, "status": {"code", "description"}}`, with the
    /// HTTP status it came with.
    case failure(NavixyStatus, httpStatus: Int)
    /// A response that is neither of the above, such as a proxy's HTML error page.
    case notNavixyJSON(httpStatus: Int)

    /// Whether Navixy reported that the session hash is no longer valid: code 3 (wrong hash) or
    /// code 4 (user or API key not found, or session ended).
    public var endsSession: Bool {
        guard case .failure(let status, _) = self else { return false }
        return NavixyAnswer.sessionEndingCodes.contains(status.code)
    }
}

extension NavixyOutcome {
    /// Returns the outcome with every `secrets` string masked in Navixy's description.
    public func redacting(_ secrets: [String]) -> NavixyOutcome {
        guard case .failure(let status, let httpStatus) = self else { return self }
        return .failure(status.redacting(secrets), httpStatus: httpStatus)
    }
}
