package io.millrace.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of sign-in and tokens; override them in {@code etc/io.millrace.security.cfg}. */
@ObjectClassDefinition(
        id = SecurityConfiguration.PID,
        name = "Millrace security",
        description = "Sign-in tokens and protection against password guessing")
public @interface SecurityConfiguration {
    String PID = "io.millrace.security";

    @AttributeDefinition(
            name = "Token lifetime (minutes)",
            description = "How long a sign-in token stays valid",
            min = "1")
    int tokenLifetimeMinutes() default 480;

    @AttributeDefinition(
            name = "Failed sign-ins before lock",
            description = "Consecutive wrong passwords after which an account is locked for a while",
            min = "1")
    int maxFailedLogins() default 5;

    @AttributeDefinition(
            name = "Lock duration (seconds)",
            description = "How long the first lock lasts; it doubles with every further failure, up to 15 minutes",
            min = "1")
    int lockSeconds() default 60;
}
