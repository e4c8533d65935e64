package dev.secrets.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The rule ssh applies to private keys, applied to identity files: readable and writable by their owner only,
 * and owned by the user running the tool.
 */
public final class IdentityPermissions {
    private static final Set<PosixFilePermission> ALLOWED = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private IdentityPermissions() {
    }

    /**
     * What is wrong with {@code file}'s mode or owner, or empty when nothing is (or the file system has no POSIX
     * permissions).
     *
     * @param user the name of the user running the tool
     */
    public static Optional<String> problem(Path file, String user) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
        Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
        extra.addAll(attributes.permissions());
        extra.removeAll(ALLOWED);
        if (!extra.isEmpty()) {
            return Optional.of("mode " + octal(attributes.permissions()) + " is wider than 0600");
        }
        String owner = attributes.owner().getName();
        if (user != null && !owner.equals(user)) {
            return Optional.of("owned by [" + owner + "], not by [" + user + "]");
        }
        return Optional.empty();
    }

    /** The name of the user running the tool ({@code USER} when set, else the JVM's idea of it). */
    public static String currentUser(java.util.Optional<String> userVariable) {
        return userVariable.orElse(System.getProperty("user.name"));
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}
