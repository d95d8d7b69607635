package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped PostgreSQL connector, running in the server, checks a real PostgreSQL. */
@ExtendWith(SharedServer.class)
class PostgresConnectorTest {

    @Test
    void theServerChecksAPostgresqlReadyForLogicalReplication(MillraceServer server) throws Exception {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start()) {
            Api.Response check = admin.post(
                    "/api/v1/connectors/postgres/test",
                    Map.of(
                            "host", "localhost",
                            "port", String.valueOf(postgres.getPort()),
                            "database", "postgres",
                            "user", "postgres",
                            "password", "not-needed",
                            "sslmode", "disable"));

            assertThat(check.status()).as(check.body()).isEqualTo(200);
            for (JsonNode step : check.json().path("steps")) {
                assertThat(step.path("status").asText()).as(step.toString()).isEqualTo("PASSED");
            }
            assertThat(check.body()).contains("wal_level is logical");
        }
    }

    @Test
    void unknownSettingsAreRefusedNamingTheKnownOnes(MillraceServer server) {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());

        Api.Response refused = admin.post("/api/v1/connectors/postgres/test", Map.of("hostname", "x"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("'hostname'", "host");
    }
}
