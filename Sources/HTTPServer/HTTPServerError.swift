#if canImport(Glibc)
import Glibc
#endif

/// Why the server could not start listening: the system call, its errno and the address involved.
public struct HTTPServerError: Error, CustomStringConvertible {
    /// The failing call (`bind`, `listen`, `getaddrinfo`…).
    public var operation: String
    /// `errno` (or the `getaddrinfo` code) at the failure.
    public var code: Int32
    /// The system's words for it.
    public var message: String
    /// `host:port` the server was asked to bind.
    public var address: String

    public var description: String {
        "HTTP server could not \(operation) \(address): \(message) (\(code))"
    }

    static func posix(_ operation: String, address: String, code: Int32 = errno) -> HTTPServerError {
        HTTPServerError(operation: operation, code: code, message: String(cString: strerror(code)), address: address)
    }
}
