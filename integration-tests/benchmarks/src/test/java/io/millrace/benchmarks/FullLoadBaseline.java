package io.millrace.benchmarks;

import java.sql.Connection;

/** What a full load is measured against: pgbench_accounts copied into the target without Millrace. */
interface FullLoadBaseline {
    /** What the baseline does, as the report names it. */
    String name();

    /**
     * Copies pgbench_accounts into the target's {@code public.pgbench_accounts}, which is empty.
     *
     * @return the rows the target took
     */
    long copyAccounts(Connection target) throws Exception;
}
