import Foundation

/// Two throw-away CAs made with the `openssl` command, each with a server certificate for
/// 127.0.0.1, and a hashed directory that trusts the second CA the way `/etc/ssl/certs` trusts
/// the system's.
struct CertificateAuthorities {
    /// The temporary directory that contains every file, deleted by `remove()`.
    let directory: String

    /// Creates both CAs and their server certificates in a new temporary directory.
    init() async throws {
        directory = NSTemporaryDirectory() + "upstream-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: directory + "/system", withIntermediateDirectories: true)
        try await Self.makeKey(directory + "/server.key")
        try await ChildProcess.run([
            "openssl", "req", "-new", "-key", serverKey, "-subj", "/CN=127.0.0.1",
            "-out", directory + "/server.csr",
        ])
        try "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
            .write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        for name in ["a", "b"] {
            try await makeCA(name)
        }
        try FileManager.default.copyItem(atPath: caFile("b"), toPath: systemDirectory + "/b.pem")
        try await ChildProcess.run(["openssl", "rehash", systemDirectory])
    }

    /// Returns the path of the PEM certificate of CA `name` ("a" or "b").
    func caFile(_ name: String) -> String { directory + "/ca-\(name).pem" }

    /// Returns the path of the server certificate signed by CA `name`.
    func serverCertificate(signedBy name: String) -> String {
        directory + "/server-\(name).pem"
    }

    /// The server's private key, shared by both server certificates.
    var serverKey: String { directory + "/server.key" }

    /// A hashed certificate directory that trusts CA "b" only.
    var systemDirectory: String { directory + "/system" }

    /// Deletes the temporary directory.
    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func makeCA(_ name: String) async throws {
        let key = directory + "/ca-\(name).key"
        try await Self.makeKey(key)
        try await ChildProcess.run([
            "openssl", "req", "-x509", "-new", "-key", key, "-subj", "/CN=Upstream Test CA \(name)",
            "-days", "2", "-out", caFile(name),
        ])
        try await ChildProcess.run([
            "openssl", "x509", "-req", "-in", directory + "/server.csr", "-CA", caFile(name),
            "-CAkey", key, "-CAcreateserial", "-days", "2", "-extfile", directory + "/server.ext",
            "-out", serverCertificate(signedBy: name),
        ])
    }

    private static func makeKey(_ path: String) async throws {
        try await ChildProcess.run([
            "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-out", path,
        ])
    }
}
