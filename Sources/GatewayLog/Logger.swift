import Foundation

/// A value-type logger that writes one JSON object per line.
///
/// Messages are constant text and data travels in dotted metadata keys (`request.id`,
/// `upstream.region`), so lines can be searched and counted. Messages and metadata are built
/// only when the level is enabled. A copy made with `with(_:_:)` carries extra metadata, for
/// example the request id of one call.
public struct Logger: Sendable {
    /// The minimum level written; records below it are dropped unbuilt.
    public var level: LogLevel
    /// Metadata added to every record of this logger.
    public private(set) var metadata: [String: LogValue]
    private let sink: LogSink
    private let clock: @Sendable () -> Date

    /// Creates a logger writing records at `level` or above to `sink`, stamped by `clock`.
    public init(
        level: LogLevel, sink: LogSink = .standardOutput,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.level = level
        self.metadata = [:]
        self.sink = sink
        self.clock = clock
    }

    /// Returns a copy that adds `value` under `key` to every record.
    public func with(_ key: String, _ value: LogValue) -> Logger {
        var copy = self
        copy.metadata[key] = value
        return copy
    }

    /// Returns whether records of `level` are written.
    public func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    /// Writes a record at `level` when that level is enabled.
    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String,
        _ metadata: @autoclosure () -> [String: LogValue] = [:]
    ) {
        guard isEnabled(level) else { return }
        sink.emit(render(level: level, message: message(), extra: metadata()))
    }

    /// Writes a debug record.
    public func debug(
        _ message: @autoclosure () -> String,
        _ metadata: @autoclosure () -> [String: LogValue] = [:]
    ) { log(.debug, message(), metadata()) }

    /// Writes an info record.
    public func info(
        _ message: @autoclosure () -> String,
        _ metadata: @autoclosure () -> [String: LogValue] = [:]
    ) { log(.info, message(), metadata()) }

    /// Writes a warning record.
    public func warning(
        _ message: @autoclosure () -> String,
        _ metadata: @autoclosure () -> [String: LogValue] = [:]
    ) { log(.warning, message(), metadata()) }

    /// Writes an error record.
    public func error(
        _ message: @autoclosure () -> String,
        _ metadata: @autoclosure () -> [String: LogValue] = [:]
    ) { log(.error, message(), metadata()) }

    private func render(level: LogLevel, message: String, extra: [String: LogValue]) -> String {
        var line = "{\"time\":"
        JSONText.appendQuoted(RFC3339Time.format(clock()), to: &line)
        line += ",\"level\":\"\(level)\",\"message\":"
        JSONText.appendQuoted(message, to: &line)
        let merged = metadata.merging(extra) { _, new in new }
        for key in merged.keys.sorted() {
            line += ","
            JSONText.appendQuoted(key, to: &line)
            line += ":"
            merged[key]!.appendJSON(to: &line)
        }
        line += "}"
        return line
    }
}
