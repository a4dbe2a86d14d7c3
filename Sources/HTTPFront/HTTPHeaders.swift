/// Header fields in arrival order, looked up case-insensitively.
///
/// Names keep the spelling they arrived or were added with; only lookups ignore ASCII case,
/// because RFC 9110 section 5.1 makes field names case-insensitive.
public struct HTTPHeaders: Sendable, Sequence {
    /// One field: its name and its value.
    public typealias Element = (name: String, value: String)

    private var fields: [Element]

    /// Creates headers holding `fields` in the given order.
    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// Returns the first value stored under `name`, compared case-insensitively, or nil.
    public subscript(name: String) -> String? {
        fields.first { Self.namesMatch($0.name, name) }?.value
    }

    /// The number of fields, duplicates included.
    public var count: Int { fields.count }

    /// Returns every value stored under `name`, in arrival order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field named `name` by one field with `value`, or appends it when absent.
    public mutating func replaceOrAdd(name: String, value: String) {
        guard let first = fields.firstIndex(where: { Self.namesMatch($0.name, name) }) else {
            add(name: name, value: value)
            return
        }
        fields[first] = (name: name, value: value)
        let rest = fields.index(after: first)
        fields[rest...].removeAll { Self.namesMatch($0.name, name) }
    }

    /// Returns an iterator over the fields in arrival order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        fields.makeIterator()
    }

    /// Compares with ASCII case folding, which is enough for field names (RFC 9110 tokens are
    /// ASCII) and allocates nothing.
    private static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count
            && zip(lhs.utf8, rhs.utf8).allSatisfy { asciiLowercased($0) == asciiLowercased($1) }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
