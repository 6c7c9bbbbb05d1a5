// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets over remindd's parsers. A package of its own, so the main package's build and
// `swift test` never see it. Build and run them with `bash Tests/Fuzz/run SECONDS`: it compiles
// everything (remindd's modules too) with `-sanitize=fuzzer,address`, linking with lld.
// Each target is `-parse-as-library` with an `@_cdecl` entry named as SwiftPM names an executable's
// entry point (`<module>_main`), which hands over to libFuzzer's driver (`LLVMFuzzerRunDriver`).
// (`swift build --sanitize=fuzzer` would also make the main package's build tool a library and fail.)
let fuzzTarget = { (name: String) -> Target in
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver", .product(name: "RemindModules", package: "remindd")],
        path: "Sources/\(name)",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "remindd-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "remindd", path: "../..")],
    targets: [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        fuzzTarget("fuzz-http"),
        fuzzTarget("fuzz-phrase"),
        fuzzTarget("fuzz-callbacks"),
        fuzzTarget("fuzz-forms"),
        fuzzTarget("fuzz-rrule"),
    ],
    swiftLanguageModes: [.v6]
)
