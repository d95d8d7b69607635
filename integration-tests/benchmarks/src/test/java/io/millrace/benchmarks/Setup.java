package io.millrace.benchmarks;

import io.millrace.it.Api;
import io.millrace.it.MillraceServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the benchmarks share: the PostgreSQL source with pgbench's tables, the target database, the
 * server, and its connection to the target (each {@link BenchmarkSource} has the one to its source).
 */
record Setup(EmbeddedPostgres source, EmbeddedPostgres target, MillraceServer server, String targetConnection) {

    /** A client signed in as the administrator. */
    Api admin() {
        return Api.anonymous(server).login("admin", server.adminPassword());
    }
}
