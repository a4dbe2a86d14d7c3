import GatewayConfig
import Testing

@testable import Gateway

@Suite struct NavixyForwarderClientTests {
    @Test func perHostCapSumsRegionsSharingAHost() {
        let regions: [String: RegionConfiguration] = [
            "eu": .testRegion(maxConnections: 64, baseURL: "https://navixy.test/v2"),
            "eu-alias": .testRegion(maxConnections: 20, baseURL: "https://NAVIXY.test:443/api"),
            "us": .testRegion(maxConnections: 70, baseURL: "http://navixy.test/v2"),
            "local": .testRegion(maxConnections: 10, baseURL: "http://127.0.0.1:8900/v2"),
        ]
        let configuration = NavixyForwarder.clientConfiguration(regions: regions)
        #expect(configuration.maxConnectionsPerHost == 84)
        #expect(configuration.maxCachedConnections == 256)
    }

    @Test func cachedConnectionsCoverEveryRegion() {
        let regions: [String: RegionConfiguration] = [
            "a": .testRegion(maxConnections: 1024, baseURL: "https://a.test/v2"),
            "b": .testRegion(maxConnections: 1000, baseURL: "https://b.test/v2"),
        ]
        let configuration = NavixyForwarder.clientConfiguration(regions: regions)
        #expect(configuration.maxConnectionsPerHost == 1024)
        #expect(configuration.maxCachedConnections == 2024)
    }
}
