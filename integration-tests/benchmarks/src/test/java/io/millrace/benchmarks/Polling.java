package io.millrace.benchmarks;

import io.millrace.it.MillraceServer;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition by polling it, at an interval that sets how precise a timing is. */
final class Polling {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Polling() {}

    static void until(Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Waited " + TIMEOUT + " in vain");
            }
            MillraceServer.sleep(interval);
        }
    }
}
