package io.millrace.connector.mariadb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Status;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectionUse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connection checks against real MariaDB servers: one writing a row-based binlog, one without a binlog. */
class MariaDbConnectorProviderTest {
    private static TestMariaDb binlog;
    private static TestMariaDb noBinlog;

    private final MariaDbConnectorProvider provider = new MariaDbConnectorProvider();

    @BeforeAll
    static void startServers() throws Exception {
        binlog = TestMariaDb.start(true);
        noBinlog = TestMariaDb.start(false);
    }

    @AfterAll
    static void stopServers() throws Exception {
        binlog.close();
        noBinlog.close();
    }

    @Test
    void aServerReadyForBinlogCapturePassesEveryCheck() {
        ConnectionCheck check = provider.testConnection(binlog.settings("admin", "admin-password"));

        assertThat(check.steps())
                .allSatisfy(
                        step -> assertThat(step.status()).as(step.toString()).isEqualTo(Status.PASSED));
        assertThat(check.steps())
                .extracting(Step::name)
                .containsExactly(
                        "connect",
                        "version",
                        "log_bin",
                        "binlog_format",
                        "binlog_row_image",
                        "binlog_row_metadata",
                        "server_id",
                        "replication slave",
                        "replication client",
                        "database shop",
                        "target privileges");
        assertThat(step(check, "version").message()).contains("MariaDB 10.11");
        assertThat(step(check, "log_bin").use()).isEqualTo(ConnectionUse.SOURCE);
        assertThat(step(check, "target privileges").use()).isEqualTo(ConnectionUse.TARGET);
    }

    @Test
    void aTargetWithoutDatabasesIsUsableAsATargetOnly() {
        Map<String, String> values =
                new HashMap<>(binlog.settings("admin", "admin-password").values());
        values.remove("databases");
        ConnectionCheck check =
                provider.testConnection(new ConnectionSettings(values, Map.of("password", "admin-password")));

        assertThat(check.usableAs(ConnectionUse.TARGET)).as(check.toString()).isTrue();
        assertThat(check.usableAs(ConnectionUse.SOURCE)).isFalse();
        Step databases = step(check, "databases");
        assertThat(databases.status()).isEqualTo(Status.FAILED);
        assertThat(databases.use()).isEqualTo(ConnectionUse.SOURCE);
        assertThat(databases.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("Set 'databases'"));
    }

    @Test
    void aUserThatCannotCreateTablesIsASourceButNotATargetAndIsToldTheGrant() {
        ConnectionCheck check = provider.testConnection(binlog.settings());

        assertThat(check.usableAs(ConnectionUse.SOURCE)).as(check.toString()).isTrue();
        assertThat(check.usableAs(ConnectionUse.TARGET)).as(check.toString()).isFalse();
        assertThat(step(check, "target privileges").fix())
                .hasValueSatisfying(fix -> assertThat(fix)
                        .startsWith("Run GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, CREATE VIEW"
                                + " ON *.* TO 'millrace'@'%';"));
    }

    @Test
    void grantsOnTheDatabasesOfAProjectMakeATargetAndAreNamed() throws Exception {
        binlog.executeAsRoot(
                "CREATE USER IF NOT EXISTS 'shopwriter'@'%' IDENTIFIED BY 'writer-password'",
                "GRANT ALL PRIVILEGES ON `shop\\_%`.* TO 'shopwriter'@'%'");
        ConnectionCheck check = provider.testConnection(binlog.settings("shopwriter", "writer-password"));

        assertThat(check.usableAs(ConnectionUse.TARGET)).as(check.toString()).isTrue();
        assertThat(step(check, "target privileges").message()).contains("`shop\\_%`");
    }

    @Test
    void aServerWithoutBinlogIsToldHowToTurnItOn() {
        ConnectionCheck check = provider.testConnection(noBinlog.settings());

        assertThat(check.usableAs(ConnectionUse.SOURCE)).isTrue();
        Step logBin = step(check, "log_bin");
        assertThat(logBin.status()).isEqualTo(Status.WARNING);
        assertThat(logBin.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("log-bin"));
        Step serverId = step(check, "server_id");
        assertThat(serverId.status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aUserWithoutReplicationPrivilegesIsToldTheGrants() {
        ConnectionCheck check = provider.testConnection(binlog.settings("reader", "reader-password"));

        assertThat(step(check, "replication slave").status()).isEqualTo(Status.WARNING);
        assertThat(step(check, "replication slave").fix())
                .hasValue("Run GRANT REPLICATION SLAVE ON *.* TO 'reader'@'%'; as an administrator");
        assertThat(step(check, "replication client").fix())
                .hasValue("Run GRANT REPLICATION CLIENT ON *.* TO 'reader'@'%'; as an administrator");
        assertThat(step(check, "database shop").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aDatabaseTheUserCannotSeeFails() {
        Map<String, String> values =
                new HashMap<>(binlog.settings("reader", "reader-password").values());
        values.put("databases", "shop, warehouse");
        ConnectionCheck check =
                provider.testConnection(new ConnectionSettings(values, Map.of("password", "reader-password")));

        assertThat(check.successful()).isFalse();
        assertThat(step(check, "database warehouse").fix())
                .hasValueSatisfying(fix -> assertThat(fix).contains("GRANT SELECT ON `warehouse`.* TO 'reader'@'%'"));
    }

    @Test
    void aWrongPasswordIsReportedWithTheFix() {
        ConnectionCheck check = provider.testConnection(binlog.settings("millrace", "wrong"));

        assertThat(check.successful()).isFalse();
        assertThat(step(check, "connect").fix()).hasValue("Check the user and password");
    }

    @Test
    void aMalformedSettingIsNamed() {
        Map<String, String> values = new HashMap<>(binlog.settings().values());
        values.put("zeroDates", "maybe");
        ConnectionCheck check = provider.testConnection(new ConnectionSettings(values, Map.of()));

        assertThat(step(check, "settings").message()).contains("'null' or 'fail'");
    }

    private static Step step(ConnectionCheck check, String name) {
        return check.steps().stream()
                .filter(step -> step.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No step " + name + " in " + check));
    }
}
