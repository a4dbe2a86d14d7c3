import Foundation
import GatewayConfig
import Upstream

extension NavixyForwarder {
    /// Returns the upstream client's configuration for `regions`.
    ///
    /// The client's cap on connections per host is the largest sum of `max_connections` over
    /// the regions that share a host, so libcurl never queues an attempt that a region's
    /// concurrency limit let through, and each region's own limit stays the real bound. The
    /// idle connections kept for reuse cover every region's limit at once.
    static func clientConfiguration(regions: [String: RegionConfiguration])
        -> UpstreamClientConfiguration
    {
        var perHost: [String: Int] = [:]
        for region in regions.values {
            perHost[hostAndPort(of: region.baseURL), default: 0] += region.maxConnections
        }
        let total = regions.values.reduce(0) { $0 + $1.maxConnections }
        var configuration = UpstreamClientConfiguration()
        configuration.maxConnectionsPerHost = max(perHost.values.max() ?? 1, 1)
        configuration.maxCachedConnections = max(configuration.maxCachedConnections, total)
        return configuration
    }

    /// Returns `host:port` of `url`, the pair by which libcurl counts connections to a host.
    private static func hostAndPort(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else {
            return url
        }
        let defaultPort = components.scheme?.lowercased() == "https" ? 443 : 80
        return "\(host.lowercased()):\(components.port ?? defaultPort)"
    }
}
