package io.millrace.benchmarks;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * The baseline for a full load: {@code COPY ... TO STDOUT} on the source piped into {@code COPY
 * ... FROM STDIN} on the target, one thread reading while the other writes. It is the work of
 * {@code psql -c "COPY t TO STDOUT" | psql -c "COPY t FROM STDIN"}, with pgjdbc's CopyManager in
 * place of the two psql processes and a queue of 64 KiB blocks in place of the kernel's pipe.
 * (java.io's PipedInputStream would not do: each side waits until the other has filled or
 * drained the whole buffer, so reading and writing would take turns instead of overlapping.)
 */
final class CopyPipe implements FullLoadBaseline {
    private static final int BLOCK_BYTES = 64 * 1024;
    private static final int QUEUED_BLOCKS = 16;
    private static final byte[] END = new byte[0];

    private final DataSource source;

    CopyPipe(DataSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "COPY TO STDOUT piped into COPY FROM STDIN";
    }

    @Override
    public long copyAccounts(Connection target) throws SQLException, InterruptedException {
        try (Connection connection = source.getConnection()) {
            return copy(connection, target, "public.pgbench_accounts");
        }
    }

    /** Copies {@code table} (the same name on both sides) and returns the rows the target took. */
    private static long copy(Connection source, Connection target, String table)
            throws SQLException, InterruptedException {
        BlockingQueue<byte[]> pipe = new ArrayBlockingQueue<>(QUEUED_BLOCKS);
        CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> {
            try {
                CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT");
                ByteArrayOutputStream block = new ByteArrayOutputStream(2 * BLOCK_BYTES);
                for (byte[] row = out.readFromCopy(); row != null; row = out.readFromCopy()) {
                    block.write(row, 0, row.length);
                    if (block.size() >= BLOCK_BYTES) {
                        pipe.put(block.toByteArray());
                        block.reset();
                    }
                }
                if (block.size() > 0) {
                    pipe.put(block.toByteArray());
                }
                pipe.put(END);
                return out.getHandledRowCount();
            } catch (SQLException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        for (byte[] block = pipe.poll(1, TimeUnit.SECONDS); block != END; block = pipe.poll(1, TimeUnit.SECONDS)) {
            if (block == null) {
                if (reading.isCompletedExceptionally()) {
                    in.cancelCopy();
                    reading.join(); // throws the reader's failure
                }
                continue;
            }
            in.writeToCopy(block, 0, block.length);
        }
        long written = in.endCopy();
        long read = reading.join();
        if (read != written) {
            throw new IllegalStateException("Read " + read + " rows of " + table + " but wrote " + written);
        }
        return written;
    }
}
