// swift-tools-version:6.0
import PackageDescription

// Each C library is touched by exactly one Swift module: CMicroHTTPD by HTTPFront, CCurl by
// Upstream, CSQLite by SessionStore, CZlib by HTTPFront (request and answer bodies).
let package = Package(
    name: "navixy-gateway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "navixy-gateway", targets: ["navixy-gateway"]),
        .executable(name: "navixy-sim", targets: ["navixy-sim"]),
    ],
    targets: [
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd"),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib"),

        .target(name: "GatewayCore"),
        .target(name: "GatewayLog"),
        .target(name: "GatewayMetrics"),
        .target(name: "GatewayConfig", dependencies: ["GatewayCore", "GatewayLog"]),
        .target(name: "HTTPFront", dependencies: ["CMicroHTTPD", "CZlib"]),
        .target(name: "Upstream", dependencies: ["CCurl", "GatewayCore"]),
        .target(name: "SessionStore", dependencies: ["CSQLite", "GatewayCore"]),
        .target(
            name: "Gateway",
            dependencies: [
                "GatewayCore", "GatewayConfig", "GatewayLog", "GatewayMetrics", "HTTPFront",
                "Upstream", "SessionStore",
            ]
        ),
        .executableTarget(name: "navixy-gateway", dependencies: ["Gateway"]),
        .executableTarget(
            name: "navixy-sim",
            dependencies: ["GatewayCore", "GatewayLog", "HTTPFront"]
        ),

        .testTarget(name: "GatewayCoreTests", dependencies: ["GatewayCore"]),
        .testTarget(name: "GatewayConfigTests", dependencies: ["GatewayConfig", "GatewayLog"]),
        .testTarget(name: "GatewayMetricsTests", dependencies: ["GatewayMetrics"]),
        .testTarget(name: "HTTPFrontTests", dependencies: ["HTTPFront"]),
        .testTarget(name: "UpstreamTests", dependencies: ["Upstream"]),
        .testTarget(name: "SessionStoreTests", dependencies: ["SessionStore"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "GatewayConfig"]),
        // HTTPFront only for its gzip helper: the tests drive the real binaries over sockets.
        .testTarget(name: "EndToEndTests", dependencies: ["HTTPFront"]),
    ],
    swiftLanguageModes: [.v6]
)
