package io.millrace.plugin;

/** A bundle cannot be deployed or removed; the message names the bundle and the cause. */
public final class BundleRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public BundleRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BundleRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why, in a form callers can map to a response. */
    public enum Reason {
        /** The content is not an OSGi bundle jar. */
        NOT_A_BUNDLE,
        /** The bundle needs packages or capabilities nothing provides. */
        UNRESOLVED,
        /** The bundle's activator or one of its components failed. */
        START_FAILED,
        /** No deployed bundle matches the name (and version). */
        NOT_FOUND,
        /** The request names several bundles, or a bundle that cannot be changed at runtime. */
        CONFLICT,
        /** The upload is larger than the configured limit. */
        TOO_LARGE
    }
}
