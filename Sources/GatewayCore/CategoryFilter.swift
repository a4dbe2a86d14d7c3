/// The notification categories that a push token receives, as Navixy's `category_filter`.
///
/// Names in `only` and `allExcept` are known category names, without duplicates, in the order
/// of the known list. `normalize(_:known:)` builds filters that keep these rules.
public enum CategoryFilter: Hashable, Sendable {
    /// Every category, sent as `*`.
    case all
    /// The listed categories only, sent as `chat_message,history_rule`.
    case only([String])
    /// Every category but the listed ones, sent as `-history_rule,history_task`.
    case allExcept([String])

    /// The categories of Navixy's push-token API, in the order of its documentation, which is
    /// also the order of the names in `wireValue`.
    public static let defaultKnown = [
        "chat_message", "history_rule", "history_task", "history_info", "history_service_task",
        "history_work_status",
    ]

    /// The value of Navixy's `category_filter` parameter.
    public var wireValue: String {
        switch self {
        case .all: return "*"
        case .only(let names): return names.joined(separator: ",")
        case .allExcept(let names): return "-" + names.joined(separator: ",")
        }
    }
}
