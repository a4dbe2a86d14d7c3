/// A first-in, first-out list that keeps at most `capacity` elements, dropping the oldest.
///
/// Appending is O(1) once full, because the storage is a ring rather than a shifted array.
struct BoundedLog<Element: Sendable>: Sendable {
    /// The largest number of elements kept, at least 1.
    let capacity: Int
    private var storage: [Element] = []
    private var oldestIndex = 0

    /// Creates an empty log that keeps at most `capacity` elements.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The elements, oldest first.
    var elements: [Element] {
        Array(storage[oldestIndex...] + storage[..<oldestIndex])
    }

    /// The number of elements kept.
    var count: Int { storage.count }

    /// Appends `element` and returns the element dropped to make room, if any.
    @discardableResult
    mutating func append(_ element: Element) -> Element? {
        guard storage.count == capacity else {
            storage.append(element)
            return nil
        }
        let dropped = storage[oldestIndex]
        storage[oldestIndex] = element
        oldestIndex = (oldestIndex + 1) % capacity
        return dropped
    }

    /// Removes every element.
    mutating func removeAll() {
        storage.removeAll()
        oldestIndex = 0
    }
}
