package io.millrace.scheduler;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** When something runs: the times it yields, in order. Immutable and thread-safe. */
@ProviderType
public interface Schedule {
    /** The first time after {@code after}, or empty when the schedule has no more. */
    Optional<Instant> next(Instant after);

    /** The schedule as users write it, such as {@code every 60s} or {@code 0 2 * * *}. */
    String text();
}
