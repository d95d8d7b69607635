package io.millrace.crypto.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The folder under the data directory that holds the server's keys. Files are written owner-only
 * (0600, folder 0700) and replaced atomically, so a crash never leaves a half-written key.
 */
final class KeyFolder {
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path folder;

    KeyFolder(Path folder) {
        this.folder = folder;
    }

    static KeyFolder underDataFolder(String dataFolder) {
        if (dataFolder == null || dataFolder.isBlank()) {
            throw new IllegalStateException(
                    "The framework property millrace.data is not set: cannot locate the key folder");
        }
        return new KeyFolder(Path.of(dataFolder, "keys"));
    }

    Path resolve(String name) {
        return folder.resolve(name);
    }

    boolean exists(String name) {
        return Files.isRegularFile(folder.resolve(name));
    }

    byte[] read(String name) {
        try {
            return Files.readAllBytes(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + folder.resolve(name), e);
        }
    }

    /** Writes the file with owner-only permissions, replacing any previous content atomically. */
    void write(String name, byte[] content) {
        try {
            createFolder();
            Path temporary = Files.createTempFile(folder, name, ".tmp");
            restrict(temporary, OWNER_ONLY_FILE);
            Files.write(temporary, content);
            try {
                Files.move(
                        temporary,
                        folder.resolve(name),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key file " + folder.resolve(name), e);
        }
    }

    /**
     * Writes the file only if it does not exist yet; returns false when another writer was first.
     * Used at first start so that two racing components never produce two different keys.
     */
    boolean writeIfAbsent(String name, byte[] content) {
        try {
            createFolder();
            Path target = folder.resolve(name);
            Path temporary = Files.createTempFile(folder, name, ".tmp");
            restrict(temporary, OWNER_ONLY_FILE);
            Files.write(temporary, content);
            try {
                Files.createLink(target, temporary);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.delete(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key file " + folder.resolve(name), e);
        }
    }

    private void createFolder() throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            restrict(folder, OWNER_ONLY_FOLDER);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
