import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns an `HTTPResponse` into the bytes of an HTTP/1.1 response. The server owns the framing
/// headers: whatever the handler set for `Content-Length`, `Transfer-Encoding`, `Connection`, `Date`
/// or `X-Request-ID` is replaced.
enum ResponseEncoder {
    private static let serverOwnedHeaders: Set<String> = [
        "content-length", "transfer-encoding", "connection", "date", "x-request-id",
    ]

    /// The full response; `omitBody` for HEAD requests keeps `Content-Length` but sends no body.
    static func encode(
        _ response: HTTPResponse, requestID: String?, keepAlive: Bool, omitBody: Bool
    ) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers where !serverOwnedHeaders.contains(name.lowercased()) {
            head += "\(name): \(value)\r\n"
        }
        let bodyForbidden = (100..<200).contains(response.status) || response.status == 204 || response.status == 304
        if !bodyForbidden { head += "Content-Length: \(response.body.count)\r\n" }
        head += "Date: \(httpDate())\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        if let requestID { head += "X-Request-ID: \(requestID)\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if !omitBody && !bodyForbidden { bytes.append(contentsOf: response.body) }
        return bytes
    }

    /// A plain-text error response that closes the connection.
    static func error(status: Int, reason: String, requestID: String?) -> [UInt8] {
        encode(.text(reason + "\n", status: status), requestID: requestID, keepAlive: false, omitBody: false)
    }

    /// RFC 9110 §15 reason phrases; clients ignore them, people reading traces do not.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), formatted by hand: no locale, no formatter state.
    static func httpDate(_ seconds: time_t = time(nil)) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
