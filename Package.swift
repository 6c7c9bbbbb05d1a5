// swift-tools-version: 6.0
import PackageDescription

// Linux only: the HTTP server calls Glibc directly (sockets with SOCK_NONBLOCK, fcntl, signals) and several
// modules use `Synchronization.Mutex`; no Apple platform is declared or built.
let package = Package(
    name: "remindd",
    products: [
        .executable(name: "remindd", targets: ["remindd"]),
        .executable(name: "remind-bench", targets: ["remind-bench"]),
        // For the libFuzzer package in Tests/Fuzz, which depends on this one by path and can only
        // import products.
        .library(name: "RemindModules", targets: ["RemindCore", "HTTPServer", "Mattermost", "RemindService"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libpq, for the optional PostgreSQL backend (REMIND_DATABASE=postgresql://…).
        .systemLibrary(
            name: "CPostgreSQL",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // libcurl, for the Mattermost client's requests (the multi interface on one thread of its own).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "RemindCore"),
        .target(
            name: "RemindStore",
            dependencies: ["CSQLite", "CPostgreSQL", "RemindCore"],
            plugins: ["EmbedMigrations"]
        ),
        // Build-time embedding of migrations/*.sql into RemindStore (the installed binary migrates
        // without the source tree): the plugin runs the tool, which writes one Swift file.
        .executableTarget(name: "embed-migrations", path: "Plugins/EmbedMigrationsTool"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["embed-migrations"]
        ),
        .target(name: "HTTPServer"),
        // RemindCore for its JSON string escaper (JSONLiteral, shared with the parse report and logs) and the version.
        .target(name: "Mattermost", dependencies: ["RemindCore", "CCurl"]),
        .target(
            name: "RemindService",
            dependencies: ["RemindCore", "RemindStore", "HTTPServer", "Mattermost"]
        ),
        .executableTarget(name: "remindd", dependencies: ["RemindService", "RemindStore"]),
        .executableTarget(name: "remind-bench", dependencies: ["RemindService", "RemindStore", "Mattermost", "HTTPServer"]),

        // Test support: the fake Mattermost server and helpers that start the real binary.
        .target(
            name: "TestSupport",
            dependencies: ["HTTPServer", "Mattermost", "RemindStore"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "RemindCoreTests",
            dependencies: ["RemindCore", "TestSupport"],
            resources: [.copy("Resources/phrases.jsonl"), .copy("Resources/phrases-extra.jsonl")]
        ),
        .testTarget(name: "RemindStoreTests", dependencies: ["RemindStore", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "MattermostTests", dependencies: ["Mattermost", "TestSupport"]),
        .testTarget(name: "RemindServiceTests", dependencies: ["RemindService", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "RemindStore"]),
    ],
    swiftLanguageModes: [.v6]
)
