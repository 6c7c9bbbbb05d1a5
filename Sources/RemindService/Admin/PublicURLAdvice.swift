import Foundation

/// What Mattermost needs in order to call remindd back at `REMIND_PUBLIC_URL` (slash commands and
/// button clicks). Reachability cannot be tested from Mattermost's side, so this says what an admin
/// must have set: for an internal address, `AllowedUntrustedInternalConnections` with the exact
/// value to add.
public enum PublicURLAdvice {
    /// One finding about `publicURL`: a failure for a listen-only address (0.0.0.0), a warning
    /// with the setting to change for an internal one, a pass for a public one.
    /// `resolveNames` looks names up on this machine (off in tests that must not touch DNS).
    public static func finding(for publicURL: URL, resolveNames: Bool = true) -> AdminReport.Finding {
        let host = publicURL.host ?? ""
        let shown = publicURL.absoluteString
        if InternalAddress.isUnspecified(host) {
            return AdminReport.Finding(
                .failed, "REMIND_PUBLIC_URL is \(shown): \(host) is an address to listen on, not one Mattermost can call",
                fix: "set REMIND_PUBLIC_URL to the URL Mattermost reaches remindd at, e.g. https://remindd.example.com or http://10.0.0.5:8066")
        }
        var reason = InternalAddress.reason(forLiteral: host)
        if reason == nil, resolveNames, !InternalAddress.isLiteral(host) {
            do {
                reason = try InternalAddress.resolvedInternalReason(forName: host).map { "a name for \($0)" }
            } catch {
                return AdminReport.Finding(
                    .warning, "REMIND_PUBLIC_URL \(shown): \(error) on this machine",
                    fix: "make sure the Mattermost server can resolve and reach \(host); \(siteURLReminder)")
            }
        }
        guard let reason else {
            return AdminReport.Finding(
                .passed, "REMIND_PUBLIC_URL \(shown) is a public address (reachability from Mattermost cannot be tested from here)")
        }
        let value = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return AdminReport.Finding(
            .warning, "REMIND_PUBLIC_URL \(shown) is \(reason): Mattermost refuses to call it unless told to",
            fix: """
            add \(value) to Mattermost's AllowedUntrustedInternalConnections, keeping the entries already there \
            (space-separated): System Console › Environment › Developer › Allow untrusted internal connections to \
            (config.json ServiceSettings.AllowedUntrustedInternalConnections)
            otherwise commands and clicks fail ("address forbidden, you may need to set AllowedUntrustedInternalConnections" \
            in Mattermost's log); \(siteURLReminder)
            """)
    }

    private static let siteURLReminder =
        "SiteURL must be set too (System Console › Environment › Web Server › Site URL)"
}
