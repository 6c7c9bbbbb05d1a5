/// One schema migration: a file `NNNN_name.sql` from the package's `migrations/` folder, the only
/// source of the schema. `Migration.embedded` (generated at build time) holds them all.
public struct Migration: Sendable, Equatable {
    /// The file name, e.g. `0001_initial.sql`.
    public let fileName: String
    /// The version, the file name's four-digit prefix.
    public let version: Int
    /// The SQL script, byte for byte as in the file.
    public let sql: String
    /// FNV-1a 64 of the file's bytes (see `MigrationChecksum`), recorded when applied.
    public let checksum: String

    /// Creates a migration from a file name of the form `NNNN_name.sql` and its contents; a name
    /// without a numeric prefix gets version 0, which the `Migrator` refuses.
    public init(fileName: String, sql: String) {
        self.fileName = fileName
        self.version = fileName.split(separator: "_", maxSplits: 1).first.flatMap { Int($0) } ?? 0
        self.sql = sql
        self.checksum = MigrationChecksum.of(sql)
    }
}

/// The checksum recorded for each applied migration: FNV-1a 64 over the file's UTF-8 bytes, as 16
/// lowercase hex digits after `fnv1a64:`. It detects edits, not tampering (it is not a cryptographic
/// hash), which is all the migrator needs.
public enum MigrationChecksum {
    /// The checksum of `text`'s UTF-8 bytes.
    public static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
