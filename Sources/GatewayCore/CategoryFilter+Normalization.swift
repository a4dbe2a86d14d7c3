import Foundation

extension CategoryFilter {
    /// Normalizes the `categories` member of a bind call, as `JSONSerialization` decoded it.
    ///
    /// Returns nil for an absent or `null` value, which means that no `category_filter` is sent
    /// and Navixy applies its default of every category. Otherwise the value is one of:
    /// - a string: `*` or `all`, a comma-separated list of names, or such a list after one
    ///   leading minus (`-`, en dash, em dash or U+2212) to exclude the names;
    /// - an array of names to include;
    /// - an object with exactly one member, `include` or `exclude`, whose value is an array of
    ///   names.
    ///
    /// Names are trimmed and ASCII lower-cased, duplicates are dropped and the result follows
    /// the order of `known`. Including every known name gives `.all`, and so does an empty
    /// exclude list. Throws `invalid_categories` for an unknown name, an empty item, an empty
    /// include list, a minus after the start, or an exclude list naming every category.
    public static func normalize(
        _ json: Any?, known: [String]
    ) throws(GatewayError) -> CategoryFilter? {
        let rules = CategoryRules(known: known)
        switch json {
        case .none, is NSNull:
            return nil
        case let text as String:
            return try rules.filter(fromText: text)
        case let array as [Any]:
            return try rules.including(rules.names(inArray: array))
        case let object as [String: Any]:
            return try rules.filter(fromObject: object)
        default:
            throw rules.invalid(
                "\"categories\" must be a string, an array of category names, or an object with "
                    + "\"include\" or \"exclude\".")
        }
    }
}

/// The normalization rules of `CategoryFilter`, bound to one list of known names.
private struct CategoryRules {
    let known: [String]

    init(known: [String]) {
        var seen = Set<String>()
        self.known = known.map { $0.asciiLowercased() }.filter { seen.insert($0).inserted }
    }

    func filter(fromText text: String) throws(GatewayError) -> CategoryFilter {
        let trimmed = text.trimmingWhitespace()
        let lowered = trimmed.asciiLowercased()
        if lowered == "*" || lowered == "all" {
            return .all
        }
        guard !trimmed.isEmpty else { throw emptyInclude() }

        guard let first = trimmed.first, Self.isMinus(first) else {
            return try including(names(inList: Substring(trimmed)))
        }
        return try excluding(names(inList: trimmed.dropFirst()))
    }

    func filter(fromObject object: [String: Any]) throws(GatewayError) -> CategoryFilter {
        guard object.count == 1, let (member, value) = object.first,
            member == "include" || member == "exclude"
        else {
            throw invalid(
                "An object in \"categories\" must have exactly one member, \"include\" or "
                    + "\"exclude\".")
        }
        guard let array = value as? [Any] else {
            throw invalid("\"\(member)\" in \"categories\" must be an array of category names.")
        }
        let names = try names(inArray: array)
        return try member == "include" ? including(names) : excluding(names)
    }

    /// Splits a comma-separated list, in which no item may be empty or start with a minus.
    func names(inList list: Substring) throws(GatewayError) -> [String] {
        var names: [String] = []
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = item.trimmingWhitespace()
            guard !name.isEmpty else {
                throw invalid("\"categories\" contains an empty item. Remove the extra comma.")
            }
            guard let first = name.first, !Self.isMinus(first) else {
                throw invalid(
                    "A minus may only start the list in \"categories\", as in "
                        + "\"-history_task,history_rule\", and then applies to every name.")
            }
            names.append(try knownName(name))
        }
        return names
    }

    /// Reads the names of an array, which must contain names only: no `*`, no minus, no other type.
    func names(inArray array: [Any]) throws(GatewayError) -> [String] {
        var names: [String] = []
        for element in array {
            guard let text = element as? String else {
                throw invalid("An array in \"categories\" must contain category names only.")
            }
            let name = text.trimmingWhitespace()
            guard !name.isEmpty else {
                throw invalid("An array in \"categories\" contains an empty name.")
            }
            guard name != "*" else {
                throw invalid(
                    "An array in \"categories\" must contain category names only. Send the "
                        + "string \"*\" for every category.")
            }
            guard let first = name.first, !Self.isMinus(first) else {
                throw invalid(
                    "An array in \"categories\" cannot exclude names. Send "
                        + "{\"exclude\": [...]} instead.")
            }
            names.append(try knownName(name))
        }
        return names
    }

    func including(_ names: [String]) throws(GatewayError) -> CategoryFilter {
        let ordered = inKnownOrder(names)
        guard !ordered.isEmpty else { throw emptyInclude() }
        return ordered.count == known.count ? .all : .only(ordered)
    }

    func excluding(_ names: [String]) throws(GatewayError) -> CategoryFilter {
        let ordered = inKnownOrder(names)
        guard !ordered.isEmpty else { return .all }
        guard ordered.count < known.count else {
            throw invalid(
                "\"categories\" excludes every category, so no notification would arrive. "
                    + "Delete the push token instead.")
        }
        return .allExcept(ordered)
    }

    func invalid(_ reason: String) -> GatewayError {
        GatewayError(
            .invalidCategories,
            reason + " Known categories: " + known.joined(separator: ", ") + ".")
    }

    private func emptyInclude() -> GatewayError {
        invalid("\"categories\" names no category. Name at least one, or send \"*\" for all.")
    }

    private func knownName(_ name: String) throws(GatewayError) -> String {
        let lowered = name.asciiLowercased()
        guard known.contains(lowered) else {
            throw invalid("\"categories\" contains \(Self.quotedIfPlain(name)).")
        }
        return lowered
    }

    private func inKnownOrder(_ names: [String]) -> [String] {
        let requested = Set(names)
        return known.filter(requested.contains)
    }

    /// Quotes an unknown name when it is short and plain, so that the message never carries a
    /// long or strange string that the caller sent by mistake.
    private static func quotedIfPlain(_ name: String) -> String {
        let isPlain = name.utf8.count <= 64 && name.utf8.allSatisfy(isPlainNameByte)
        return isPlain ? "the unknown category \"\(name)\"" : "an unknown category name"
    }

    private static func isPlainNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// Returns whether a character is a minus: `-`, or the en dash, em dash or minus sign that text
    /// editors and phone keyboards put in its place.
    private static func isMinus(_ character: Character) -> Bool {
        character == "-" || character == "\u{2013}" || character == "\u{2014}"
            || character == "\u{2212}"
    }
}
