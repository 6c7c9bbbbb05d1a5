import Foundation

/// A parsed request line and header section (RFC 9112 §3, §5), before the body is read.
struct RequestHead {
    var method: String
    /// The request target exactly as sent (origin-form, absolute-form or `*`).
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: [(name: String, value: String)]

    /// Parses a complete head (as delimited by `HeadScanner`); rejects what RFC 9112 says to reject.
    init(parsing bytes: ArraySlice<UInt8>) throws(HTTPParseError) {
        var lines = Self.lines(of: bytes)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw .badRequest("empty request") }
        (method, target, minorVersion) = try Self.parseRequestLine(requestLine)
        headers = []
        for line in lines.dropFirst() {
            headers.append(try Self.parseHeaderLine(line))
        }
    }

    /// All values of a header, comma-separated lists split, trimmed; names compared case-insensitively.
    func listValues(_ name: String) -> [String] {
        headers
            .filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            .flatMap { $0.value.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Whether the client wants the connection kept open after this request (RFC 9112 §9.3).
    var wantsKeepAlive: Bool {
        let tokens = listValues("Connection").map { $0.lowercased() }
        if minorVersion == 0 { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    /// Splits the target into a percent-decoded path and the raw query.
    /// Absolute-form (`http://host/path`) is tolerated by dropping the scheme and authority.
    func pathAndQuery() throws(HTTPParseError) -> (path: String, query: String) {
        if target == "*" { return ("*", "") }
        var rest = Substring(target)
        if !rest.hasPrefix("/") {
            guard let schemeEnd = rest.range(of: "://"),
                ["http", "https"].contains(rest[..<schemeEnd.lowerBound].lowercased())
            else { throw .badRequest("unsupported request target") }
            rest = rest[schemeEnd.upperBound...]
            rest = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { rest[$0...] } ?? "/"
            if rest.hasPrefix("?") { rest = "/" + rest }
        }
        let rawPath = rest.prefix { $0 != "?" && $0 != "#" }
        var query = rest.dropFirst(rawPath.count)
        if query.hasPrefix("?") { query = query.dropFirst() }
        query = query.prefix { $0 != "#" }
        guard let path = String(rawPath).removingPercentEncoding else {
            throw .badRequest("invalid percent-encoding in path")
        }
        return (path, String(query))
    }

    private static func lines(of bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(separator: .lf, omittingEmptySubsequences: false).map { line in
            line.last == .cr ? line.dropLast() : line
        }
    }

    private static func parseRequestLine(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPParseError) -> (String, String, Int) {
        let parts = line.split(separator: .space, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].allSatisfy(isTokenByte), parts[1].allSatisfy(isVisibleByte)
        else { throw .badRequest("malformed request line") }
        let version = String(decoding: parts[2], as: UTF8.self)
        let minorVersion: Int
        switch version {
        case "HTTP/1.1": minorVersion = 1
        case "HTTP/1.0": minorVersion = 0
        default:
            let looksLikeVersion = version.wholeMatch(of: /HTTP\/[0-9]\.[0-9]/) != nil
            if looksLikeVersion { throw HTTPParseError(status: 505, reason: "only HTTP/1.0 and HTTP/1.1") }
            throw .badRequest("malformed HTTP version")
        }
        return (String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), minorVersion)
    }

    private static func parseHeaderLine(
        _ line: ArraySlice<UInt8>
    ) throws(HTTPParseError) -> (name: String, value: String) {
        if line.first == .space || line.first == .tab { throw .badRequest("obsolete line folding") }
        guard let colon = line.firstIndex(of: .colon) else { throw .badRequest("header line without colon") }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .badRequest("invalid header name") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == .space || first == .tab { value = value.dropFirst() }
        while let last = value.last, last == .space || last == .tab { value = value.dropLast() }
        guard value.allSatisfy({ $0 == .tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw .badRequest("control character in header value")
        }
        return (String(decoding: name, as: UTF8.self), decodeFieldValue(value))
    }

    /// Field values are UTF-8 in practice; anything else is read as ISO-8859-1 rather than mangled.
    private static func decodeFieldValue(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func isVisibleByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
