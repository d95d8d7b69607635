package io.millrace.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.persistence.StoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2MetadataStoreTest extends MetadataStoreContract {
    @TempDir
    Path folder;

    @Override
    String url() {
        return MetadataStoreService.defaultUrl(folder);
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String productName() {
        return "H2";
    }

    @Override
    String password() {
        return "";
    }

    @Test
    void theDefaultDatabaseLivesInAnOwnerOnlyFolder() throws Exception {
        assertThat(folder.resolve("metadata/millrace.mv.db")).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(folder.resolve("metadata"))))
                .isEqualTo("rwx------");
    }

    @Test
    void unusableUrlsAreRefusedWithAReasonAndNoPassword() {
        assertThatThrownBy(() -> MetadataDatabase.open("jdbc:mysql://localhost/db?password=hunter2", "u", "p", 1))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:h2:")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() ->
                        MetadataDatabase.open("jdbc:postgresql://localhost:port/db?password=hunter2", "u", "p", 1))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("localhost:port")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MetadataDatabase.open(url(), "sa", "wrong password", 1))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(url())
                .hasMessageNotContaining("wrong password");
    }
}
