import Foundation

/// How the client reaches the server beyond its URL: proxies and the certificates it trusts.
///
/// Read from the environment the way curl and most command-line tools read it, so a remindd behind a
/// corporate proxy needs nothing of its own:
/// - `http_proxy` for `http://` URLs (lowercase only, as curl: `HTTP_PROXY` is what a CGI request's
///   `Proxy:` header becomes, so it is not trusted),
/// - `HTTPS_PROXY` or `https_proxy` for `https://` URLs,
/// - `ALL_PROXY` or `all_proxy` for either when its own variable is unset,
/// - `NO_PROXY` or `no_proxy`: hosts, domains (`.example.com` or `example.com`, which covers its
///   subdomains), addresses and CIDR ranges that go direct, comma-separated; `*` means every host.
/// - `REMIND_MATTERMOST_CA_FILE`: a PEM bundle trusted instead of the system's certificate store (an
///   internal CA). Verification of the server's certificate and host name is never turned off.
public struct HTTPTransportOptions: Sendable, Equatable {
    /// The proxy for `http://` URLs (`http://proxy:3128`, `socks5h://…`), or nil to go direct.
    public var httpProxy: String?
    /// The proxy for `https://` URLs (tunnelled with CONNECT), or nil to go direct.
    public var httpsProxy: String?
    /// Hosts that never go through a proxy, in curl's `NO_PROXY` syntax.
    public var noProxy: String?
    /// A PEM file of CA certificates to trust instead of the system store.
    public var caFile: String?

    /// Options with no proxy and the system's certificate store.
    public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: String? = nil, caFile: String? = nil) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
        self.caFile = caFile
    }

    /// The options `environment` describes (see the type's documentation); empty values count as unset.
    public init(environment: [String: String]) {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let all = value("ALL_PROXY", "all_proxy")
        self.init(
            httpProxy: value("http_proxy") ?? all,
            httpsProxy: value("HTTPS_PROXY", "https_proxy") ?? all,
            noProxy: value("NO_PROXY", "no_proxy"),
            caFile: value("REMIND_MATTERMOST_CA_FILE"))
    }

    /// The proxy a URL with `scheme` goes through (before `noProxy` is applied), or nil.
    func proxy(forScheme scheme: String?) -> String? {
        scheme?.lowercased() == "https" ? httpsProxy : httpProxy
    }
}
