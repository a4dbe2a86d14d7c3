import GatewayConfig
import Testing

@Test(arguments: [
    ("127.0.0.1:8080", "127.0.0.1", 8080, true),
    ("127.1.2.3:1", "127.1.2.3", 1, true),
    ("0.0.0.0:8080", "0.0.0.0", 8080, false),
    ("10.0.0.5:65535", "10.0.0.5", 65535, false),
    ("[::1]:8080", "::1", 8080, true),
    ("[::]:0", "::", 0, false),
    ("[::ffff:127.0.0.1]:80", "::ffff:127.0.0.1", 80, true),
])
func listenAddressParses(text: String, host: String, port: Int, loopback: Bool) throws {
    let address = try #require(ListenAddress(parsing: text))

    #expect(address.host == host)
    #expect(address.port == port)
    #expect(address.isLoopback == loopback)
    #expect(address.description == text)
}

@Test(arguments: [
    "", "127.0.0.1", "127.0.0.1:", ":8080", "127.0.0.1:-1", "127.0.0.1:65536",
    "127.0.0.1:080800", "localhost:8080", "::1:8080", "[::1]", "[::1]8080", "[127.0.0.1]:80",
    "256.0.0.1:80", "127.0.0.1:8080 ", "127.0.0.1:+80",
])
func listenAddressRejects(text: String) {
    #expect(ListenAddress(parsing: text) == nil)
}

@Test func storeLocationParsesSQLiteAndPostgres() {
    #expect(StoreLocation(parsing: "sqlite:data/x.sqlite3") == .sqlite(path: "data/x.sqlite3"))
    #expect(StoreLocation(parsing: "postgres://db/gw") == .postgres(url: "postgres://db/gw"))
    #expect(StoreLocation(parsing: "postgresql:///gw") == .postgres(url: "postgresql:///gw"))
    #expect(StoreLocation(parsing: "sqlite:") == nil)
    #expect(StoreLocation(parsing: "data/x.sqlite3") == nil)
    #expect(StoreLocation(parsing: "postgres:gw") == nil)
}

@Test func storeLocationDescriptionRedactsPassword() {
    let location = StoreLocation.postgres(url: "postgres://gateway:hunter2@db:5432/gw")

    #expect(location.description == "postgres://gateway:<redacted>@db:5432/gw")
}
