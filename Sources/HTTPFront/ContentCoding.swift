/// The content codings the front reads and writes (RFC 9110 section 8.4.1).
public enum ContentCoding {
    /// Whether a `Content-Encoding` field value names gzip alone. RFC 9110 section 8.4.1.3
    /// asks recipients to treat `x-gzip` as gzip.
    public static func isGzip(_ contentEncoding: String) -> Bool {
        let name = contentEncoding.trimmingSpacesAndTabs().lowercased()
        return name == "gzip" || name == "x-gzip"
    }

    /// Whether `Accept-Encoding` field values allow a gzip response (RFC 9110 section 12.5.3).
    ///
    /// An explicit `gzip` or `x-gzip` entry decides by its weight, so `gzip;q=0` refuses it.
    /// Without one, a `*` entry decides. A missing field allows nothing here: the response is
    /// then sent as is, which RFC 9110 permits. A weight that cannot be read counts as 0.
    static func acceptsGzip(_ acceptEncoding: [String]) -> Bool {
        var gzipWeight: Double?
        var wildcardWeight: Double?
        for item in acceptEncoding.flatMap({ $0.split(separator: ",") }) {
            let parts = item.split(separator: ";")
            guard let first = parts.first else { continue }
            let coding = first.trimmingSpacesAndTabs().lowercased()
            let weight = parts.dropFirst().lazy.compactMap(Self.weight).first ?? 1
            switch coding {
            case "gzip", "x-gzip": gzipWeight = max(gzipWeight ?? 0, weight)
            case "*": wildcardWeight = weight
            default: break
            }
        }
        return (gzipWeight ?? wildcardWeight ?? 0) > 0
    }

    /// Reads `q=VALUE` from one parameter, or returns nil for another parameter.
    private static func weight(_ parameter: Substring) -> Double? {
        let pair = parameter.split(separator: "=", maxSplits: 1)
        guard pair.count == 2, pair[0].trimmingSpacesAndTabs().lowercased() == "q" else {
            return nil
        }
        return Double(pair[1].trimmingSpacesAndTabs()) ?? 0
    }
}

extension StringProtocol {
    /// Returns the text without leading and trailing spaces and tabs, the optional white space
    /// around an HTTP field value (RFC 9110 section 5.6.3).
    public func trimmingSpacesAndTabs() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
