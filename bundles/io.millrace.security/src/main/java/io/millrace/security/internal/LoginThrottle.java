package io.millrace.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Locks an account for a while after repeated wrong passwords, doubling the lock with every further
 * failure. Kept in memory and bounded, so guessing random usernames cannot exhaust the heap.
 */
final class LoginThrottle {
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int MAX_TRACKED_ACCOUNTS = 10_000;

    private final int maxFailures;
    private final Duration firstLock;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED_ACCOUNTS;
        }
    };

    LoginThrottle(int maxFailures, Duration firstLock, Clock clock) {
        this.maxFailures = maxFailures;
        this.firstLock = firstLock;
        this.clock = clock;
    }

    /** When the account is locked now, until when. */
    synchronized Optional<Instant> lockedUntil(String username) {
        Failures entry = failures.get(username);
        if (entry == null || entry.lockedUntil == null || !clock.instant().isBefore(entry.lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(entry.lockedUntil);
    }

    synchronized void recordFailure(String username) {
        Failures entry = failures.computeIfAbsent(username, name -> new Failures());
        entry.count++;
        if (entry.count >= maxFailures) {
            int doublings = Math.min(entry.count - maxFailures, 20);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            entry.lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
    }

    synchronized void recordSuccess(String username) {
        failures.remove(username);
    }

    private static final class Failures {
        int count;
        Instant lockedUntil;
    }
}
