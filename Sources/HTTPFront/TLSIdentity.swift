/// A server certificate and its private key, both as PEM text.
public struct TLSIdentity: Sendable {
    /// The certificate chain in PEM, the server's own certificate first.
    public var certificatePEM: String
    /// The unencrypted private key in PEM.
    public var privateKeyPEM: String

    /// Creates an identity from PEM text.
    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
