import FuzzDriver
import HTTPServer

/// The executable's entry point: libFuzzer's driver, calling the target below once per input.
@_cdecl("fuzz_http_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzHTTP(data, size) }
}

/// HTTP request heads and bodies (RequestParser, exactly what each connection runs): the input after
/// its first four bytes is a byte stream from a client; read whole, then split at the two points those
/// four bytes pick, the requests and the failure must be the same. Small limits, and a route with a
/// body cap of its own, so the limit paths are reached.
private func fuzzHTTP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard input.count >= 4 else { return 0 }
    let stream = Array(input[4...])
    let first = (Int(input[0]) << 8 | Int(input[1])) % (stream.count + 1)
    let second = (Int(input[2]) << 8 | Int(input[3])) % (stream.count + 1)
    let whole = outcome(of: stream, cuts: [])
    let split = outcome(of: stream, cuts: [min(first, second), max(first, second)])
    if whole != split {
        fatalError("split at \(first), \(second) changed the outcome:\n whole: \(whole)\n split: \(split)")
    }
    return 0
}

/// Every request and the failure (if any) the parser reads from `stream` appended in pieces.
private func outcome(of stream: [UInt8], cuts: [Int]) -> [RequestParser.Event] {
    let bodyLimit: BodyLimit = { _, path in path == "/small" ? 16 : nil }
    var parser = RequestParser(maxHeadBytes: 256, maxBodyBytes: 512, bodyLimit: bodyLimit)
    var events: [RequestParser.Event] = []
    var start = 0
    for end in cuts + [stream.count] {
        parser.append(Array(stream[start..<end]))
        start = end
        reading: while true {
            let event = parser.next()
            switch event {
            case .needMoreBytes:
                break reading
            case .bodyExpected:
                continue
            case .request:
                events.append(event)
            case .failure:
                events.append(event)
                return events
            }
        }
    }
    return events
}
