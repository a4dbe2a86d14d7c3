import Testing

@testable import HTTPFront

@Suite struct GzipTests {
    @Test func compressThenDecompressRoundTrips() throws {
        let text = Array(String(repeating: "{\"token\":\"abc\"}", count: 200).utf8)
        let compressed = Gzip.compress(text)
        #expect(compressed.count < text.count)
        #expect(compressed.prefix(2) == [0x1F, 0x8B])
        #expect(Gzip.decompress(compressed) == text)
    }

    @Test func decoderAcceptsPiecesOfAnyLength() throws {
        let text = Array((0..<5000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let compressed = Gzip.compress(text)
        let decoder = try #require(GzipDecoder(maxOutputBytes: text.count))
        for start in stride(from: 0, to: compressed.count, by: 3) {
            let piece = Array(compressed[start..<min(start + 3, compressed.count)])
            piece.withUnsafeBytes { _ = decoder.decode($0) }
        }
        #expect(decoder.status == .finished)
        #expect(decoder.output == text)
    }

    @Test func outputOfExactlyTheLimitPasses() throws {
        let compressed = Gzip.compress([UInt8](repeating: 7, count: 1000))
        let decoder = try #require(GzipDecoder(maxOutputBytes: 1000))
        #expect(compressed.withUnsafeBytes { decoder.decode($0) } == .finished)
    }

    @Test func bombStopsOneBytePastTheLimit() throws {
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 10 << 20))
        let decoder = try #require(GzipDecoder(maxOutputBytes: 65_536))
        #expect(bomb.withUnsafeBytes { decoder.decode($0) } == .tooLarge)
        #expect(decoder.output.count <= 65_536)
        // Later input is ignored: the decoder stays stopped.
        #expect(bomb.withUnsafeBytes { decoder.decode($0) } == .tooLarge)
    }

    @Test(arguments: [
        Array("not gzip at all".utf8),
        [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],  // zlib, not gzip
    ])
    func notGzipIsMalformed(bytes: [UInt8]) throws {
        let decoder = try #require(GzipDecoder(maxOutputBytes: 1000))
        #expect(bytes.withUnsafeBytes { decoder.decode($0) } == .malformed)
    }

    @Test func corruptChecksumIsMalformed() throws {
        var compressed = Gzip.compress(Array("hello, world".utf8))
        compressed[compressed.count - 6] ^= 0xFF
        #expect(Gzip.decompress(compressed) == nil)
    }

    @Test func bytesAfterTheMemberAreMalformed() throws {
        let compressed = Gzip.compress(Array("hello".utf8))
        #expect(Gzip.decompress(compressed + [0]) == nil)
        let decoder = try #require(GzipDecoder(maxOutputBytes: 100))
        #expect(compressed.withUnsafeBytes { decoder.decode($0) } == .finished)
        #expect([UInt8(1)].withUnsafeBytes { decoder.decode($0) } == .malformed)
    }

    @Test func truncatedMemberNeedsInput() throws {
        let compressed = Gzip.compress(Array("hello, world".utf8))
        let decoder = try #require(GzipDecoder(maxOutputBytes: 100))
        let cut = Array(compressed.dropLast(4))
        #expect(cut.withUnsafeBytes { decoder.decode($0) } == .needsInput)
    }
}

@Suite struct ContentCodingTests {
    @Test(arguments: [
        ("gzip", true), ("GZIP", true), (" x-gzip ", true), ("identity", false),
        ("gzip, identity", false), ("br", false), ("", false),
    ])
    func contentEncodingIsGzip(value: String, expected: Bool) {
        #expect(ContentCoding.isGzip(value) == expected)
    }

    @Test(arguments: [
        (["gzip"], true),
        (["gzip, deflate, br"], true),
        (["deflate", "GZip;q=0.5"], true),
        (["gzip;q=0"], false),
        (["gzip; q=0.000"], false),
        (["*"], true),
        (["*;q=0"], false),
        (["gzip;q=0, *"], false),
        (["*;q=0, gzip"], true),
        (["identity"], false),
        (["br;q=1.0, x-gzip;q=0.1"], true),
        (["gzip;q=nonsense"], false),
        ([], false),
    ])
    func acceptEncodingAllowsGzip(values: [String], expected: Bool) {
        #expect(ContentCoding.acceptsGzip(values) == expected)
    }
}
