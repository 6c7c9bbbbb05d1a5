import Foundation
import PackagePlugin

/// Embeds the package's top-level `migrations/*.sql` (SQLite) and `migrations/postgresql/*.sql`
/// (PostgreSQL) into the target it is applied to, so the
/// installed binary can migrate without the source tree. Every `.sql` file is an input of the
/// build command, so editing one regenerates the Swift file, and an added file is picked up when
/// SwiftPM re-plans the build. SwiftPM does not re-plan for files outside target folders being
/// deleted or renamed: after that, `touch Package.swift` (the build otherwise stops with "missing
/// inputs"). A test (`MigratorTests`) checks the embedded copy against the files on disk.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let migrationsDirectory = context.package.directoryURL.appending(path: "migrations")
        let sqlite = try Self.sqlFiles(in: migrationsDirectory)
        let postgresql = try Self.sqlFiles(in: migrationsDirectory.appending(path: "postgresql"))
        let inputs = sqlite + postgresql
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(sqlite.count) SQLite and \(postgresql.count) PostgreSQL migrations into \(target.name)",
                executable: try context.tool(named: "embed-migrations").url,
                arguments: [output.path] + sqlite.map(\.path) + ["--postgresql"] + postgresql.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private static func sqlFiles(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
            .map { directory.appending(path: $0) }
    }
}
