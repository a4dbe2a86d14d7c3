import Foundation
import Testing

@testable import Gateway

/// The OpenAPI document and the router describe the same routes and methods.
@Suite struct OpenAPIRouteTests {
    /// Reads `paths:` of `openapi/navixy-gateway.yaml`: each path at two spaces of indent, its
    /// methods at four.
    private func documentedRoutes() throws -> [String: Set<String>] {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi/navixy-gateway.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        var routes: [String: Set<String>] = [:]
        var inPaths = false
        var current: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if !line.isEmpty && !line.hasPrefix(" ") { break }
            if line.hasPrefix("  /") && line.hasSuffix(":") {
                current = String(line.dropFirst(2).dropLast())
                routes[current!] = []
            } else if let current, line.hasPrefix("    "), !line.hasPrefix("     "),
                let name = line.split(separator: ":").first?.trimmingCharacters(in: .whitespaces),
                methods.contains(name)
            {
                routes[current]!.insert(name.uppercased())
            }
        }
        return routes
    }

    @Test func documentMatchesRouter() throws {
        let documented = try documentedRoutes()
        var served: [String: Set<String>] = [:]
        for endpoint in Endpoint.allCases {
            // HEAD is served wherever GET is, as HTTP requires, and OpenAPI leaves it implied.
            served[endpoint.routeLabel] = Set(endpoint.allowedMethods).subtracting(["HEAD"])
        }
        #expect(!documented.isEmpty)
        #expect(documented == served)
    }

    @Test func everyDocumentedPathMatchesItsEndpoint() throws {
        for path in try documentedRoutes().keys {
            let concrete = path.replacingOccurrences(of: "{subject}", with: "u-42")
            let match = try #require(RouteMatch.match(path: concrete), "\(path)")
            #expect(match.endpoint.routeLabel == path)
        }
    }
}
