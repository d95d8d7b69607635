package io.millrace.benchmarks;

/**
 * A source database the full-load and CDC benchmarks read: pgbench's tables in it, the server's
 * connection to it, and what its figures are called in the report.
 *
 * @param figurePrefix put before each figure's name: empty for the PostgreSQL source, whose
 *     figures keep the names of earlier reports
 * @param projectPrefix put before the names of the projects the benchmarks create, so that each
 *     source's projects land into schemas of their own
 * @param schema the schema (for MariaDB: the database) holding the tables, as the connection
 *     offers it
 */
record BenchmarkSource(
        String figurePrefix, String projectPrefix, String connection, String schema, TpcbWorkload workload) {

    String figure(String name) {
        return figurePrefix + name;
    }

    String project(String name) {
        return projectPrefix + name;
    }

    /** The include pattern of a landing task for these tables. */
    String tables(String pattern) {
        return schema + "." + pattern;
    }
}
