/// The lifecycle state of a stored session hash.
public enum SessionState: String, Sendable, Hashable {
    /// The hash is expected to work. Every save sets this state.
    case active
    /// Navixy reported the session as ended, so calls for the subject fail at once until the
    /// hash is replaced.
    case ended
}
