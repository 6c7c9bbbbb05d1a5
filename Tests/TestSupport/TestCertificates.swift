import Foundation

/// A throwaway certificate authority and a server certificate it signed, made with the `openssl` command
/// in a private temporary directory: for TLS tests that need a server the client can be told to trust.
///
/// The server certificate names only `DNS:localhost` (no IP address), so a client reaching the same
/// server as `127.0.0.1` must refuse it: that is how a test proves host names are verified.
public struct TestCertificates: Sendable {
    /// Why the certificates could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The folder holding every file; remove it with `remove()`.
    public let directory: URL
    /// The CA certificate (PEM): what a client trusts.
    public var authority: URL { directory.appendingPathComponent("ca.pem") }
    /// The server's certificate chain (PEM), for `localhost`.
    public var certificate: URL { directory.appendingPathComponent("server.pem") }
    /// The server's private key (PEM).
    public var key: URL { directory.appendingPathComponent("server.key") }

    /// Makes a CA and a `localhost` certificate valid for two days (P-256 keys: fast to generate).
    public init() throws {
        guard let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: FileManager.default.isExecutableFile)
        else { throw Failure(description: "openssl not found (apt-get install openssl)") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n"
            .write(to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.run(openssl, in: directory, ["req", "-x509"] + key + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=remindd test CA"])
        try Self.run(openssl, in: directory, ["req"] + key + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"])
        try Self.run(openssl, in: directory, ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                                              "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"])
    }

    /// Removes the folder.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ openssl: String, in directory: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(arguments.first ?? "") failed: \(String(decoding: said, as: UTF8.self))")
        }
    }
}
