package io.millrace.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The values one figure took over the runs, in one unit, summarized as median and range. */
final class Samples {
    private final Unit unit;
    private final List<Double> values = new ArrayList<>();

    /** How a unit prints: its name and how many decimals it needs. */
    enum Unit {
        SECONDS("s", "%,.2f"),
        MILLISECONDS("ms", "%,.0f"),
        MEBIBYTES("MiB", "%,.0f"),
        CHANGES_PER_SECOND("changes/s", "%,.0f"),
        ROWS_PER_SECOND("rows/s", "%,.0f");

        private final String symbol;
        private final String format;

        Unit(String symbol, String format) {
            this.symbol = symbol;
            this.format = format;
        }

        String number(double value) {
            return String.format(Locale.ROOT, format, value);
        }

        String format(double value) {
            return number(value) + " " + symbol;
        }
    }

    Samples(Unit unit) {
        this.unit = unit;
    }

    void add(double value) {
        values.add(value);
    }

    void addNanos(long nanos) {
        values.add(unit == Unit.MILLISECONDS ? nanos / 1e6 : nanos / 1e9);
    }

    double median() {
        List<Double> sorted = sorted();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** "4.63 s, median of 3 (4.22 to 5.16)". */
    String summary() {
        List<Double> sorted = sorted();
        if (sorted.size() == 1) {
            return unit.format(sorted.get(0)) + ", 1 run";
        }
        return unit.format(median()) + ", median of " + sorted.size() + " ("
                + unit.number(sorted.get(0)) + " to "
                + unit.format(sorted.get(sorted.size() - 1)) + ")";
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("No values measured");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
