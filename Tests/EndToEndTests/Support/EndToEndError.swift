/// A failure of the end-to-end test support: a binary not found, a process that did not start
/// or respond in time, a connection that broke.
struct EndToEndError: Error, CustomStringConvertible {
    /// A sentence naming what failed and, where it helps, what was seen instead.
    let description: String

    /// Creates an error with `description`.
    init(_ description: String) {
        self.description = description
    }
}
