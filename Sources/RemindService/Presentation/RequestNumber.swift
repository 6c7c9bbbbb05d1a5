/// Numbers read from request bodies (button contexts, dialog fields), which anyone can forge: decimal
/// digits only (no sign, no spaces, no exponent), bounded so that no arithmetic on them can overflow.
enum RequestNumber {
    /// A row id: 1 through 10^18 - 1.
    static func id(_ text: String) -> Int64? {
        bounded(text, maxDigits: 18).flatMap { $0 > 0 ? $0 : nil }
    }

    /// A value in `range` (whose upper bound has at most 18 digits).
    static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = bounded(text, maxDigits: String(range.upperBound).utf8.count), range.contains(Int(value)) else {
            return nil
        }
        return Int(value)
    }

    /// A comma-separated list of ids, at most `limit` of them, none repeated.
    static func ids(_ text: String, limit: Int) -> [Int64]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= limit else { return nil }
        var ids: [Int64] = []
        for part in parts {
            guard let id = id(String(part)), !ids.contains(id) else { return nil }
            ids.append(id)
        }
        return ids
    }

    /// 1 to `maxDigits` (at most 18) decimal digits and nothing else, else nil.
    static func bounded(_ text: some StringProtocol, maxDigits: Int) -> Int64? {
        guard (1...maxDigits).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        return Int64(text)
    }
}
