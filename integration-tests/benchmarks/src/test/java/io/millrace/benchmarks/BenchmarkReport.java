package io.millrace.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the harness's section of docs/benchmarks.md: everything between the two marker comments
 * is replaced, so that each run leaves the newest figures and the hand-written text around them
 * stays. Without the markers, the section goes before the first dated section.
 */
final class BenchmarkReport {
    static final String BEGIN = "<!-- harness:begin: written by integration-tests/benchmarks, do not edit -->";
    static final String END = "<!-- harness:end -->";

    private BenchmarkReport() {}

    static String section(String title, List<String> preamble, List<Figure> figures) {
        StringBuilder text =
                new StringBuilder(BEGIN).append("\n## ").append(title).append("\n\n");
        preamble.forEach(line -> text.append(line).append('\n'));
        text.append("\n| figure | Millrace | baseline | ratio |\n|---|---|---|---|\n");
        figures.forEach(figure -> text.append(figure.markdownRow()).append('\n'));
        return text.append(END).append('\n').toString();
    }

    static void write(Path document, String section) throws IOException {
        String text = Files.readString(document);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            int after = end + END.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            updated = text.substring(0, begin) + section + text.substring(after);
        } else {
            int firstSection = text.indexOf("\n## ");
            int at = firstSection < 0 ? text.length() : firstSection + 1;
            updated = text.substring(0, at) + section + "\n" + text.substring(at);
        }
        Files.writeString(document, updated);
    }
}
