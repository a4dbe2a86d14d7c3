import Foundation
import GatewayConfig
import GatewayCore
import GatewayLog
import HTTPFront
import SessionStore
import Upstream

/// A running gateway: the store, the upstream client and the HTTP front, wired from one
/// configuration.
public final class GatewayServer: Sendable {
    /// The port the front listens on, useful when the configuration asked for port 0.
    public let port: Int
    let server: HTTPServer
    let client: UpstreamClient
    let store: any SessionStore
    let logger: Logger
    let drainState: DrainState
    let metrics: OperationalMetrics

    /// Opens the store, starts the upstream client and starts listening.
    public init(
        configuration: GatewayConfiguration, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(GatewayStartError) {
        self.logger = logger
        let metrics = OperationalMetrics(
            regions: configuration.regions.keys.sorted(), version: BuildInfo.version)
        let store = try Self.openStore(configuration.store)
        let client: UpstreamClient
        let forwarder: NavixyForwarder
        do {
            client = try UpstreamClient(
                configuration: NavixyForwarder.clientConfiguration(regions: configuration.regions)
            )
        } catch {
            store.close()
            throw GatewayStartError("cannot start the upstream client: \(error)")
        }
        do {
            forwarder = try NavixyForwarder(
                transport: client, regions: configuration.regions, logger: logger,
                observer: metrics)
        } catch {
            client.shutdown()
            store.close()
            throw error
        }
        let drainState = DrainState()
        let handler = Self.makeHandler(
            configuration, store: MeasuredSessionStore(base: store, metrics: metrics),
            forwarder: forwarder, metrics: metrics, drain: drainState, logger: logger,
            clock: clock)
        do {
            server = try HTTPServer(
                configuration: Self.frontConfiguration(configuration), handler: handler)
        } catch {
            client.shutdown()
            store.close()
            throw GatewayStartError("cannot listen on \(configuration.listen): \(error)")
        }
        metrics.observe(server, drain: drainState)
        self.port = server.port
        self.client = client
        self.store = store
        self.drainState = drainState
        self.metrics = metrics
    }

    /// Closes every connection at once, fails calls still waiting on Navixy, and closes the
    /// store. `drain(grace:timeout:pause:)` stops gracefully and calls this at its end.
    public func stop() {
        server.stop()
        client.shutdown()
        store.close()
    }

    private static func openStore(_ location: StoreLocation) throws(GatewayStartError)
        -> any SessionStore
    {
        switch location {
        case .sqlite(let path):
            do {
                return try SQLiteSessionStore(path: path)
            } catch {
                throw GatewayStartError("cannot open the store sqlite:\(path): \(error)")
            }
        case .postgres:
            // TODO: add the PostgreSQL store so that several gateways can share sessions;
            // until then a postgres:// store stops the start.
            throw GatewayStartError("store: postgres:// is not supported yet; use sqlite:PATH")
        }
    }

    private static func makeHandler(
        _ configuration: GatewayConfiguration, store: any SessionStore,
        forwarder: NavixyForwarder, metrics: OperationalMetrics, drain: DrainState,
        logger: Logger, clock: @escaping @Sendable () -> Date
    ) -> GatewayHandler {
        let storeFailure = StoreFailure(logger: logger)
        return GatewayHandler(
            authenticator: CallerAuthenticator(callers: configuration.callers),
            sessions: SessionEndpoint(
                store: store, regions: Set(configuration.regions.keys),
                storeFailure: storeFailure, clock: clock),
            pushTokens: PushTokenEndpoint(
                store: store, forwarder: forwarder, knownCategories: configuration.categories,
                storeFailure: storeFailure, clock: clock),
            probes: ProbeEndpoint(store: store, drain: drain, operationalMetrics: metrics),
            accessLog: AccessLog(logger: logger),
            metrics: metrics,
            maxBodyBytes: configuration.limits.maxBodyBytes,
            makeRequestID: {
                var generator = SystemRandomNumberGenerator()
                return RequestID.generate(using: &generator)
            })
    }

    /// Builds the front's settings. The header timeout also bounds the body, counted from the
    /// end of the head.
    private static func frontConfiguration(_ configuration: GatewayConfiguration)
        -> HTTPServerConfiguration
    {
        let limits = configuration.limits
        return HTTPServerConfiguration(
            host: configuration.listen.host,
            port: configuration.listen.port,
            maxConnections: limits.maxConnections,
            idleTimeoutSeconds: max(1, limits.idleTimeoutMs / 1000),
            maxHeaderBytes: limits.maxHeaderBytes,
            maxBodyBytes: limits.maxBodyBytes,
            headerTimeout: .milliseconds(limits.headerTimeoutMs),
            bodyTimeout: .milliseconds(limits.headerTimeoutMs),
            gzipMinBytes: configuration.gzipMinBytes)
    }
}

/// A failure to start the gateway, described in one line naming what failed.
public struct GatewayStartError: Error, CustomStringConvertible {
    /// The line printed before the process exits.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
