import Foundation
import RemindStore

/// The database part of `remindd check` on PostgreSQL: the server answers, its version is 13 or newer,
/// the schema is remindd's (pending migrations named), the role may read and write remindd's tables,
/// and which node leads delivery. Changes nothing.
public enum PostgresDatabaseCheck {
    /// The oldest server remindd supports (identity columns, `FOR SHARE`, SERIALIZABLE as it uses it).
    static let minimumServerVersion = 130_000

    /// Checks the database at `url` (with `password` from REMIND_DATABASE_PASSWORD_FILE).
    public static func run(url: String, password: String?, migrations: [Migration] = Migration.embeddedPostgreSQL) -> AdminReport {
        var report = AdminReport()
        guard let settings = PostgresSettings(url: url, password: password) else {
            report.fail("REMIND_DATABASE is not a PostgreSQL URL", fix: "use postgresql://user@host:5432/database")
            return report
        }
        let name = settings.redacted
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(settings: settings)
        } catch {
            report.fail("PostgreSQL \(name) cannot be reached: \(error)",
                        fix: "check host, port, database, user and password (REMIND_DATABASE_PASSWORD_FILE), sslmode and pg_hba.conf")
            return report
        }
        defer { connection.close() }
        let version = connection.serverVersion
        if version >= minimumServerVersion {
            report.pass("PostgreSQL \(name): server version \(version / 10_000).\(version % 10_000)")
        } else {
            report.fail("PostgreSQL \(name): server version \(version / 10_000) is older than 13",
                        fix: "upgrade PostgreSQL to 13 or newer")
        }
        DatabaseCheck.checkSchema(connection, path: name, migrations: migrations, into: &report)
        checkRights(connection, name: name, into: &report)
        checkLease(connection, name: name, into: &report)
        return report
    }

    private static func checkRights(_ connection: PostgresConnection, name: String, into report: inout AdminReport) {
        do {
            let hasTables = try connection.int64("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'reminders'") == 1
            let allowed = hasTables
                ? try connection.int64(
                    "SELECT CASE WHEN has_table_privilege('reminders', 'SELECT, INSERT, UPDATE, DELETE') AND has_table_privilege('occurrences', 'SELECT, INSERT, UPDATE, DELETE') THEN 1 ELSE 0 END")
                : try connection.int64("SELECT CASE WHEN has_schema_privilege(current_schema(), 'CREATE') THEN 1 ELSE 0 END")
            if allowed == 1 {
                report.pass("PostgreSQL \(name): the role may \(hasTables ? "read and write remindd's tables" : "create remindd's tables")")
            } else {
                report.fail("PostgreSQL \(name): the role lacks rights on \(hasTables ? "remindd's tables" : "the schema")",
                            fix: hasTables ? "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO <role> (or make it the owner)"
                                : "GRANT CREATE ON SCHEMA public TO <role>, or run `remindd migrate` once as the owner")
            }
        } catch {
            report.fail("PostgreSQL \(name): cannot read the role's rights: \(error)", fix: "check the role and the database")
        }
    }

    private static func checkLease(_ connection: PostgresConnection, name: String, into report: inout AdminReport) {
        do {
            let lease = try connection.row(
                """
                SELECT holder, epoch, expires_at_ms - (extract(epoch from clock_timestamp()) * 1000)::bigint
                FROM delivery_lease WHERE name = 'deliverer'
                """)
            if let lease, try lease.int64(2) > 0 {
                report.pass("delivery: node \(try lease.string(0)) leads at epoch \(try lease.int64(1)) (lease live for another \(try lease.int64(2)) ms)")
            } else if let lease {
                report.warn("delivery: no node leads (the lease of \(try lease.string(0)), epoch \(try lease.int64(1)), has lapsed)",
                            fix: "start remindd serve on at least one node; if one runs, read its log for database errors")
            } else {
                report.warn("delivery: no node has led yet", fix: "start remindd serve on at least one node")
            }
        } catch {
            report.warn("delivery: the lease cannot be read (\(error))", fix: "run `remindd migrate` or start remindd serve once")
        }
    }
}
