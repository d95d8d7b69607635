package io.millrace.benchmarks;

import java.util.Locale;
import java.util.Optional;

/**
 * One row of the report: what Millrace measured and, when there is one, the baseline measured in
 * the same runs, with the ratio of their medians (Millrace divided by the baseline).
 *
 * @param baselineName what the baseline is, printed with its figure
 */
record Figure(String name, Samples millrace, Optional<Samples> baseline, String baselineName) {
    static Figure alone(String name, Samples millrace) {
        return new Figure(name, millrace, Optional.empty(), "");
    }

    static Figure against(String name, Samples millrace, String baselineName, Samples baseline) {
        return new Figure(name, millrace, Optional.of(baseline), baselineName);
    }

    String markdownRow() {
        String baselineCell =
                baseline.map(samples -> baselineName + ": " + samples.summary()).orElse(baselineName);
        String ratio = baseline.map(samples -> String.format(Locale.ROOT, "%.2f", millrace.median() / samples.median()))
                .orElse("");
        return "| " + name + " | " + millrace.summary() + " | " + baselineCell + " | " + ratio + " |";
    }
}
