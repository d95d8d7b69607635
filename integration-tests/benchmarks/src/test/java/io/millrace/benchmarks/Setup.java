package io.millrace.benchmarks;

import io.millrace.it.Api;
import io.millrace.it.MillraceServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the benchmarks share: the source database with pgbench's tables, the target database, the
 * server, and its connections to both databases.
 */
record Setup(
        EmbeddedPostgres source,
        EmbeddedPostgres target,
        TpcbWorkload workload,
        MillraceServer server,
        String sourceConnection,
        String targetConnection) {

    /** A client signed in as the administrator. */
    Api admin() {
        return Api.anonymous(server).login("admin", server.adminPassword());
    }
}
