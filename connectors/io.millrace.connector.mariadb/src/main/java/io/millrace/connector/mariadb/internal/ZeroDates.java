package io.millrace.connector.mariadb.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a zero date ({@code 0000-00-00}, or a date with a zero month or day, which MySQL stores when
 * its SQL mode allows) becomes, since no target has such a date.
 */
enum ZeroDates {
    /** Lands as NULL, as MySQL's own drivers read it by default. */
    NULL,
    /** Stops the task, naming the table and column, so that nothing is changed silently. */
    FAIL;

    String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ZeroDates named(String value) {
        return Arrays.stream(values())
                .filter(rule -> rule.settingValue().equals(value.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "The zero-date rule must be 'null' or 'fail', not '" + value + "'"));
    }
}
