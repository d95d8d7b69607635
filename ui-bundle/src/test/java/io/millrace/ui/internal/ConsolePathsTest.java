package io.millrace.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsolePathsTest {
    @Test
    void filesHaveAnExtensionAndStayInsideTheRoot() {
        assertThat(ConsolePaths.isFile("/assets/index-abc.js")).isTrue();
        assertThat(ConsolePaths.isFile("/favicon.svg")).isTrue();
        assertThat(ConsolePaths.isFile("/projects/42")).isFalse();
        assertThat(ConsolePaths.isFile("/")).isFalse();
        assertThat(ConsolePaths.isFile("/assets/../../secret.txt")).isFalse();
        assertThat(ConsolePaths.isFile("/.hidden")).isFalse();
    }

    @Test
    void pagesOfTheAppFallBackToIndexButAssetsDoNot() {
        assertThat(ConsolePaths.isAsset("/assets/missing.js")).isTrue();
        assertThat(ConsolePaths.isAsset("/connections")).isFalse();
        assertThat(ConsolePaths.normalize(null)).isEqualTo("/");
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertThat(ConsolePaths.contentType("/index.html")).startsWith("text/html");
        assertThat(ConsolePaths.contentType("/assets/a.js")).startsWith("text/javascript");
        assertThat(ConsolePaths.contentType("/assets/a.css")).startsWith("text/css");
        assertThat(ConsolePaths.contentType("/x.bin")).isEqualTo("application/octet-stream");
    }
}
