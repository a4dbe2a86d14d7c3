/// A generator that returns the given words in turn and then repeats the last one, so that
/// tests can choose every random draw.
struct ScriptedRandom: RandomNumberGenerator {
    private var words: [UInt64]
    private var index = 0

    init(_ words: [UInt64]) {
        self.words = words
    }

    mutating func next() -> UInt64 {
        let word = words[min(index, words.count - 1)]
        index += 1
        return word
    }
}
