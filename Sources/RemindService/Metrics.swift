import Foundation
import Synchronization

/// Counters, gauges and histograms rendered in the Prometheus text exposition format (`GET /metrics`).
///
/// One registry per service; every series is created on first use. State is guarded by a `Mutex`, so
/// any thread may record.
public final class Metrics: Sendable {
    /// Upper bounds (seconds) of the latency and lateness histograms.
    public static let secondsBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    private struct SeriesKey: Hashable {
        var name: String
        var labels: [String]
    }

    private struct Histogram {
        var buckets: [Double]
        var counts: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    private struct State {
        var help: [String: (type: String, text: String)] = [:]
        var counters: [SeriesKey: Double] = [:]
        var gauges: [SeriesKey: Double] = [:]
        var histograms: [SeriesKey: Histogram] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Describes a metric family (`# HELP` / `# TYPE`); call once per name before recording.
    public func describe(_ name: String, type: String, help: String) {
        state.withLock { $0.help[name] = (type, help) }
    }

    /// Adds `amount` to a counter.
    public func increment(_ name: String, labels: [(String, String)] = [], by amount: Double = 1) {
        let key = Self.key(name, labels)
        state.withLock { $0.counters[key, default: 0] += amount }
    }

    /// Sets a gauge.
    public func set(_ name: String, labels: [(String, String)] = [], to value: Double) {
        let key = Self.key(name, labels)
        state.withLock { $0.gauges[key] = value }
    }

    /// Records one observation in a histogram with `Metrics.secondsBuckets`.
    public func observe(_ name: String, labels: [(String, String)] = [], _ value: Double) {
        let key = Self.key(name, labels)
        state.withLock { state in
            var histogram = state.histograms[key]
                ?? Histogram(buckets: Self.secondsBuckets, counts: Array(repeating: 0, count: Self.secondsBuckets.count))
            for (index, bound) in histogram.buckets.enumerated() where value <= bound { histogram.counts[index] += 1 }
            histogram.sum += value
            histogram.count += 1
            state.histograms[key] = histogram
        }
    }

    /// The current value of a gauge, or nil when never set.
    public func gauge(_ name: String, labels: [(String, String)] = []) -> Double? {
        let key = Self.key(name, labels)
        return state.withLock { $0.gauges[key] }
    }

    /// The current value of a counter (0 when never incremented): for tests and `remindd check`.
    public func counter(_ name: String, labels: [(String, String)] = []) -> Double {
        let key = Self.key(name, labels)
        return state.withLock { $0.counters[key] ?? 0 }
    }

    /// Everything, in the Prometheus text format (version 0.0.4).
    public func exposition() -> String {
        let snapshot = state.withLock { $0 }
        var families: [String: [String]] = [:]
        for (key, value) in snapshot.counters { families[key.name, default: []].append(Self.line(key, value)) }
        for (key, value) in snapshot.gauges { families[key.name, default: []].append(Self.line(key, value)) }
        for (key, histogram) in snapshot.histograms {
            var lines: [String] = []
            for (index, bound) in histogram.buckets.enumerated() {
                let bucket = SeriesKey(name: key.name + "_bucket", labels: key.labels + ["le=\"\(Self.format(bound))\""])
                lines.append(Self.line(bucket, Double(histogram.counts[index])))
            }
            lines.append(Self.line(SeriesKey(name: key.name + "_bucket", labels: key.labels + ["le=\"+Inf\""]), Double(histogram.count)))
            lines.append(Self.line(SeriesKey(name: key.name + "_sum", labels: key.labels), histogram.sum))
            lines.append(Self.line(SeriesKey(name: key.name + "_count", labels: key.labels), Double(histogram.count)))
            families[key.name, default: []].append(contentsOf: lines)
        }
        var output = ""
        // Described families without a series yet are listed too, so scrapers and dashboards see every name.
        for name in Set(families.keys).union(snapshot.help.keys).sorted() {
            if let help = snapshot.help[name] {
                output += "# HELP \(name) \(help.text)\n# TYPE \(name) \(help.type)\n"
            }
            for line in families[name, default: []].sorted() { output += line + "\n" }
        }
        return output
    }

    private static func key(_ name: String, _ labels: [(String, String)]) -> SeriesKey {
        SeriesKey(name: name, labels: labels.map { "\($0.0)=\"\(escape($0.1))\"" })
    }

    private static func line(_ key: SeriesKey, _ value: Double) -> String {
        let labels = key.labels.isEmpty ? "" : "{" + key.labels.joined(separator: ",") + "}"
        return "\(key.name)\(labels) \(format(value))"
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func escape(_ value: String) -> String {
        // Most label values need nothing escaped, and `replacingOccurrences` is slow even then.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 0x0A }) else {
            return value
        }
        return value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
