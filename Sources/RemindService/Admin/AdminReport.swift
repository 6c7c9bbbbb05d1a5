/// The pass/fail list `remindd check` and `remindd register-command` print: one line per finding,
/// `✔` passed, `!` a warning (works, but needs attention), `✘` a failure, each failure and warning
/// followed by how to fix it.
public struct AdminReport: Sendable, Equatable {
    /// How a finding turned out.
    public enum Status: String, Sendable, Equatable {
        case passed = "✔"
        case warning = "!"
        case failed = "✘"
    }

    /// One line of the report.
    public struct Finding: Sendable, Equatable {
        public var status: Status
        /// What was checked and what was found, e.g. "database: schema version 2, up to date".
        public var summary: String
        /// What to do about it (empty for a pass).
        public var fix: String

        /// Creates a finding.
        public init(_ status: Status, _ summary: String, fix: String = "") {
            self.status = status
            self.summary = summary
            self.fix = fix
        }
    }

    /// The findings in the order they were made.
    public private(set) var findings: [Finding] = []

    /// An empty report.
    public init() {}

    /// Records a pass.
    public mutating func pass(_ summary: String) {
        findings.append(Finding(.passed, summary))
    }

    /// Records a warning and what to do about it.
    public mutating func warn(_ summary: String, fix: String) {
        findings.append(Finding(.warning, summary, fix: fix))
    }

    /// Records a failure and how to fix it.
    public mutating func fail(_ summary: String, fix: String) {
        findings.append(Finding(.failed, summary, fix: fix))
    }

    /// Appends another report's findings.
    public mutating func append(contentsOf other: AdminReport) {
        findings += other.findings
    }

    /// The failures.
    public var failures: [Finding] { findings.filter { $0.status == .failed } }
    /// The warnings.
    public var warnings: [Finding] { findings.filter { $0.status == .warning } }
    /// True when nothing failed (warnings allowed).
    public var succeeded: Bool { failures.isEmpty }
    /// The process exit status for the report: 0 when nothing failed, 1 otherwise.
    public var exitStatus: Int32 { succeeded ? 0 : 1 }

    /// The report as printed: one line per finding, fixes indented under it with `→`, and a summary line.
    public var rendered: String {
        var lines: [String] = []
        for finding in findings {
            lines.append("\(finding.status.rawValue) \(finding.summary)")
            guard !finding.fix.isEmpty else { continue }
            for (index, line) in finding.fix.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                lines.append((index == 0 ? "    → " : "      ") + line)
            }
        }
        let failed = failures.count, warned = warnings.count
        lines.append(failed == 0
            ? "all checks passed" + (warned == 0 ? "" : " (\(warned) warning\(warned == 1 ? "" : "s"))")
            : "\(failed) check\(failed == 1 ? "" : "s") failed" + (warned == 0 ? "" : ", \(warned) warning\(warned == 1 ? "" : "s")"))
        return lines.joined(separator: "\n")
    }
}

extension AdminReport {
    /// Records a finding made elsewhere.
    public mutating func append(_ finding: Finding) {
        findings.append(finding)
    }
}
