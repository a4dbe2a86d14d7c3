/// A Navixy API action that the gateway calls.
public enum NavixyAction: Hashable, Sendable, CaseIterable {
    /// `user/session/push_token/bind`: binds a push token to the session.
    case bindPushToken
    /// `user/session/push_token/delete`: deletes the push token bound to the session.
    case deletePushToken

    /// The action's path below a region's base URL, without a leading slash.
    public var path: String {
        switch self {
        case .bindPushToken: return "user/session/push_token/bind"
        case .deletePushToken: return "user/session/push_token/delete"
        }
    }
}
