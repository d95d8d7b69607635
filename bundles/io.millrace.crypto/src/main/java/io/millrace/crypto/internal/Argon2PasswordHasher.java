package io.millrace.crypto.internal;

import io.millrace.crypto.PasswordHasher;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.osgi.service.component.annotations.Component;

/**
 * Argon2id with the parameters OWASP recommends as a minimum (19 MiB, 2 passes, 1 lane), encoded in
 * the PHC string format: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
 */
@Component(service = PasswordHasher.class)
public final class Argon2PasswordHasher implements PasswordHasher {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();

    public Argon2PasswordHasher() {
        this(new Cost(19 * 1024, 2, 1));
    }

    Argon2PasswordHasher(Cost cost) {
        this.cost = cost;
    }

    @Override
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        Matcher phc = encoded == null ? null : PHC.matcher(encoded);
        if (phc == null || !phc.matches()) {
            return false;
        }
        Cost stored = new Cost(
                Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)));
        if (!stored.isReasonable()) {
            return false;
        }
        byte[] salt = DECODER.decode(phc.group(4));
        byte[] expected = DECODER.decode(phc.group(5));
        return MessageDigest.isEqual(expected, derive(password, salt, stored, expected.length));
    }

    @Override
    public boolean needsRehash(String encoded) {
        Matcher phc = encoded == null ? null : PHC.matcher(encoded);
        if (phc == null || !phc.matches()) {
            return true;
        }
        return Integer.parseInt(phc.group(1)) < cost.memoryKiB()
                || Integer.parseInt(phc.group(2)) < cost.iterations()
                || Integer.parseInt(phc.group(3)) < cost.parallelism();
    }

    private static byte[] derive(char[] password, byte[] salt, Cost cost, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** Argon2 work factors. */
    record Cost(int memoryKiB, int iterations, int parallelism) {
        /** Bounds that keep a damaged or hostile hash from costing gigabytes or minutes to check. */
        boolean isReasonable() {
            return parallelism >= 1
                    && parallelism <= 16
                    && iterations >= 1
                    && iterations <= 16
                    && memoryKiB >= 8 * parallelism
                    && memoryKiB <= 1024 * 1024;
        }
    }
}
