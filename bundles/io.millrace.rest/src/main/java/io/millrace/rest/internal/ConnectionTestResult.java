package io.millrace.rest.internal;

import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionUse;
import io.millrace.connector.api.ConnectorKind;
import io.millrace.connector.api.ConnectorProvider;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A connection test as the API shows it: each step with the use it concerns, and the uses the
 * connection is fit for, so that a target-only connection whose source checks fail does not look
 * broken.
 */
@Schema(description = "The steps of a connection test, and what the connection can be used for")
record ConnectionTestResult(
        @Schema(
                description = "What was checked, in order; 'use' says whether a step concerns every use, use as a"
                        + " source or use as a target")
        List<Step> steps,

        @Schema(
                description = "The connector can read from databases and no step concerning every use or use as a"
                        + " source failed")
        boolean usableAsSource,

        @Schema(
                description =
                        "The connector can be a target and no step concerning every use or use as a target" + " failed")
        boolean usableAsTarget) {

    static ConnectionTestResult of(ConnectionCheck check, ConnectorProvider connector) {
        return new ConnectionTestResult(
                check.steps(),
                connector.kinds().contains(ConnectorKind.SOURCE) && check.usableAs(ConnectionUse.SOURCE),
                connector.kinds().contains(ConnectorKind.TARGET) && check.usableAs(ConnectionUse.TARGET));
    }
}
