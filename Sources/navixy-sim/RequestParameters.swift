import Foundation
import GatewayCore
import HTTPFront

/// The parameters of one Navixy call, gathered the ways Navixy accepts them: the query string,
/// then a JSON or form-encoded body, whose values win over the query's.
///
/// Form and query values are strings, while JSON values keep their JSON type. A body of another
/// media type, or one that does not parse as its media type, is Navixy's code 5.
struct RequestParameters: Sendable {
    /// The parameters by name.
    var values: [String: JSONValue] = [:]
    /// The text after `NVX ` in an `Authorization` header, if the call had one.
    var authorizationHash: String?

    /// Gathers the parameters of `request`, or returns code 5 with the parameters read so far,
    /// so that the call can still be recorded.
    static func parse(_ request: HTTPRequest) -> (RequestParameters, NavixyStatus?) {
        var parameters = RequestParameters()
        parameters.authorizationHash = authorizationHash(in: request.head.headers)
        do throws(NavixyStatus) {
            if let query = request.head.query {
                parameters.values = try FormEncoding.decode(query)
            }
            for (name, value) in try bodyValues(request) {
                parameters.values[name] = value
            }
            return (parameters, nil)
        } catch {
            return (parameters, error)
        }
    }

    /// Finds the session hash: the `hash` parameter, else the `Authorization: NVX` header. Code 3 when
    /// both are missing or the value is not 32 hexadecimal characters.
    func sessionHash() -> Result<SessionHash, NavixyStatus> {
        let text: String
        switch values["hash"] {
        case .string(let value)?: text = value
        case nil: text = authorizationHash ?? ""
        case .some: return .failure(.wrongHash("hash must be a string"))
        }
        guard !text.isEmpty else { return .failure(.wrongHash("hash is missing")) }
        guard let hash = SessionHash(text) else {
            return .failure(.wrongHash("hash must be 32 hexadecimal characters"))
        }
        return .success(hash)
    }

    /// Returns the string parameter `name`, or nil when it is absent or not a string.
    func string(_ name: String) -> String? { values[name]?.stringValue }

    private static func bodyValues(_ request: HTTPRequest) throws(NavixyStatus)
        -> [String: JSONValue]
    {
        guard !request.body.isEmpty else { return [:] }
        switch mediaType(of: request.head.headers) {
        case "application/json":
            guard case .object(let members)? = JSONValue.parse(request.body) else {
                throw .wrongFormat("the body is not a JSON object")
            }
            return members
        case "application/x-www-form-urlencoded":
            guard let text = String(validating: request.body, as: UTF8.self) else {
                throw .wrongFormat("the form body is not UTF-8")
            }
            return try FormEncoding.decode(text)
        default:
            throw .wrongFormat(
                "send the body as application/json or application/x-www-form-urlencoded")
        }
    }

    /// Returns the media type of the body, lower-cased, without parameters such as `charset`.
    private static func mediaType(of headers: HTTPHeaders) -> String? {
        guard let value = headers["Content-Type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private static func authorizationHash(in headers: HTTPHeaders) -> String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "nvx" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
