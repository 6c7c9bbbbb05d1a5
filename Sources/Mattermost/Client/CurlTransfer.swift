import CCurl
import Foundation

/// One HTTP request for `CurlTransport`.
struct HTTPRequestMessage: Sendable {
    /// `GET`, `POST`, `PUT`, `DELETE`…
    var method: String
    var url: URL
    /// Header lines, `Name: value`.
    var headers: [String]
    var body: Data?
}

/// The final response of a transfer (after any redirects).
struct HTTPResponseMessage: Sendable {
    var status: Int
    /// The response's headers, names lowercased (a repeated header's values joined by `, `).
    var headers: [String: String]
    var body: Data

    /// The value of header `name`, matched case-insensitively.
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a transfer gave no response.
enum HTTPTransferError: Error, Sendable, Equatable {
    /// The request timeout passed first.
    case timedOut
    /// The caller's task was cancelled (or the transport shut down).
    case cancelled
    /// Anything else: refused, reset, DNS, TLS, proxy, a response over the size limit; curl's words.
    case failed(String)
}

/// One request in flight: its easy handle, what has arrived so far, and the caller waiting for it.
///
/// Confinement: created by the caller, then touched only by the transport's loop thread (curl calls the
/// data callbacks on it too), except `cancelRequested`, which lives under the transport's inbox lock.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequestMessage
    private let continuation: CheckedContinuation<HTTPResponseMessage, any Error>
    /// Set under the transport's inbox lock when the caller's task is cancelled.
    var cancelRequested = false

    var handle: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    private var body = Data()
    private var headers: [String: String] = [:]
    private var bodyLimit = 0
    private var exceededBodyLimit = false
    private var bodySent = 0
    private var finished = false

    init(request: HTTPRequestMessage, continuation: CheckedContinuation<HTTPResponseMessage, any Error>) {
        self.request = request
        self.continuation = continuation
        errorBuffer.initialize(to: 0)
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    /// Sets every option of the request on `handle` (fresh or reset). False when curl refused one (the
    /// transfer is then finished with that error).
    func configure(_ handle: UnsafeMutableRawPointer, settings: CurlTransport.Settings) -> Bool {
        self.handle = handle
        bodyLimit = settings.maxResponseBytes
        let this = Unmanaged.passUnretained(self).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        for line in request.headers + ["Expect:"] { list = curl_slist_append(list, line) }
        headerList = list
        let proxy = settings.options.proxy(forScheme: request.url.scheme) ?? ""
        var results: [CURLcode] = [
            remind_curl_set_string(handle, CURLOPT_URL, request.url.absoluteString),
            remind_curl_set_pointer(handle, CURLOPT_PRIVATE, this),
            remind_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
            remind_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, curlReceiveBody),
            remind_curl_set_pointer(handle, CURLOPT_WRITEDATA, this),
            remind_curl_set_callback(handle, CURLOPT_HEADERFUNCTION, curlReceiveHeader),
            remind_curl_set_pointer(handle, CURLOPT_HEADERDATA, this),
            remind_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            remind_curl_set_long(handle, CURLOPT_TIMEOUT_MS, settings.timeoutMilliseconds),
            remind_curl_set_list(handle, CURLOPT_HTTPHEADER, list),
            remind_curl_set_string(handle, CURLOPT_USERAGENT, settings.userAgent),
            remind_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            remind_curl_set_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
            remind_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1),
            remind_curl_set_long(handle, CURLOPT_MAXREDIRS, 5),
            remind_curl_set_long(handle, CURLOPT_TCP_KEEPALIVE, 1),
            // Set even when empty: an explicit value keeps curl from reading the environment itself.
            remind_curl_set_string(handle, CURLOPT_PROXY, proxy),
            remind_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
            remind_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
        ]
        if let noProxy = settings.options.noProxy { results.append(remind_curl_set_string(handle, CURLOPT_NOPROXY, noProxy)) }
        if let caFile = settings.options.caFile { results.append(remind_curl_set_string(handle, CURLOPT_CAINFO, caFile)) }
        results += methodOptions(handle)
        if let refused = results.first(where: { $0 != CURLE_OK }) {
            finish(.failure(.failed("curl refused an option: " + String(cString: curl_easy_strerror(refused)))))
            return false
        }
        return true
    }

    /// The options that choose the method and send the body.
    ///
    /// A body is handed to curl through a read callback with no way to rewind it, on purpose: curl
    /// re-sends a request on a fresh connection when a kept-alive one dies before any answer, and for a
    /// request already written (the server may have acted on it: created the post) that re-send could
    /// not be rewound, so the caller gets the network error and decides (the deliverer looks the post
    /// up by its delivery key before posting again). A request that never left is still retried by curl.
    private func methodOptions(_ handle: UnsafeMutableRawPointer) -> [CURLcode] {
        let method = request.method.uppercased()
        guard request.body != nil else {
            return [method == "GET"
                ? remind_curl_set_long(handle, CURLOPT_HTTPGET, 1)
                : remind_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method)]
        }
        let this = Unmanaged.passUnretained(self).toOpaque()
        var results = [
            remind_curl_set_long(handle, CURLOPT_POST, 1),
            remind_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, request.body?.count ?? 0),
            remind_curl_set_callback(handle, CURLOPT_READFUNCTION, curlSendBody),
            remind_curl_set_pointer(handle, CURLOPT_READDATA, this),
        ]
        if method != "POST" { results.append(remind_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method)) }
        return results
    }

    /// Copies the next piece of the request body into curl's buffer; 0 once it is all sent.
    fileprivate func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let requestBody = request.body, bodySent < requestBody.count else { return 0 }
        let count = min(buffer.count, requestBody.count - bodySent)
        let start = requestBody.index(requestBody.startIndex, offsetBy: bodySent)
        requestBody.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<(start + count))
        bodySent += count
        return count
    }

    /// Appends a piece of the body; false (abort the transfer) past the size limit.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= bodyLimit else {
            exceededBodyLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line. A status line starts a new response (a redirect's, or a `100 Continue`),
    /// whose headers replace the earlier ones. Parsed on the bytes (the name lowercased as ASCII, both sides
    /// trimmed of spaces and tabs, the value of its CR LF too): Foundation's `trimmingCharacters(in:)` went
    /// through NSString and was a measurable share of a request's CPU on the loop thread.
    fileprivate func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        if bytes.starts(with: "HTTP/".utf8) {
            headers.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        let nameBytes = Self.trimmed(bytes[..<colon])
        let name = String(unsafeUninitializedCapacity: nameBytes.count) { buffer in
            for (offset, byte) in nameBytes.enumerated() {
                buffer[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            }
            return nameBytes.count
        }
        let value = String(decoding: Self.trimmed(bytes[(colon + 1)...]), as: UTF8.self)
        // A repeated header's values are joined with commas (RFC 9110 §5.3), as URLSession did.
        headers[name] = headers[name].map { $0 + ", " + value } ?? value
    }

    /// `bytes` without leading and trailing spaces, tabs, CRs and LFs.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// Called by the loop when curl is done with the transfer.
    func complete(_ code: CURLcode) {
        guard code == CURLE_OK else {
            switch code {
            case CURLE_OPERATION_TIMEDOUT:
                finish(.failure(.timedOut))
            case CURLE_WRITE_ERROR where exceededBodyLimit:
                finish(.failure(.failed("the response is larger than \(bodyLimit) bytes")))
            default:
                let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
                finish(.failure(.failed("curl error \(code.rawValue): \(detail)")))
            }
            return
        }
        var status = 0
        _ = remind_curl_response_code(handle, &status)
        finish(.success(HTTPResponseMessage(status: status, headers: headers, body: body)))
    }

    /// Resumes the caller once, whatever path got here first.
    func finish(_ result: Result<HTTPResponseMessage, HTTPTransferError>) {
        guard !finished else { return }
        finished = true
        continuation.resume(with: result.mapError { $0 })
    }
}

/// curl's write callback: `userdata` is the `CurlTransfer`.
private let curlReceiveBody: remind_curl_data_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// curl's header callback: `userdata` is the `CurlTransfer`.
private let curlReceiveHeader: remind_curl_data_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let length = size * count
    Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        .receiveHeader(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

/// curl's read callback (the request body): `userdata` is the `CurlTransfer`.
private let curlSendBody: remind_curl_data_callback = { buffer, size, count, userdata in
    guard let userdata, let buffer else { return 0 }
    return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
        .sendBody(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
}
