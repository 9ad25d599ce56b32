package org.sensorrecovery.capture;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.TruthCodec;

/**
 * A capture that can be committed and mailed: manifest.json, the measurements as
 * measurements.csv ({@link CsvFormat}, arrival times included) or measurements.ndjson (wire JSON,
 * no arrival times), and optionally truth.json (the ground truth, {@link TruthCodec}). No
 * Chronicle Queue files: those are binary, large and tied to their roll cycle.
 */
public final class PortableCapture {

    public static final String CSV = "measurements.csv";
    public static final String NDJSON = "measurements.ndjson";
    public static final String TRUTH = "truth.json";

    private PortableCapture() {
    }

    /** Whether dir holds measurements.csv or measurements.ndjson. */
    public static boolean isPortable(Path dir) {
        return Files.isRegularFile(dir.resolve(CSV)) || Files.isRegularFile(dir.resolve(NDJSON));
    }

    /**
     * Reads every measurement in file order.
     *
     * @throws IOException naming file and line of the first bad row
     */
    static long forEach(Path dir, Consumer<JournalRecord> consumer) throws IOException {
        Optional<CaptureManifest> manifest = CaptureManifest.read(dir);
        if (Files.isRegularFile(dir.resolve(CSV))) {
            return forEachCsv(dir.resolve(CSV), manifest, consumer);
        }
        Path file = dir.resolve(NDJSON);
        CaptureManifest m = manifest.orElseThrow(() -> new IOException(file + ": needs " + CaptureManifest.FILE
                + " beside it (kind and d, or rows and cols)"));
        long[] n = {0};
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            WireLines.<IOException>forEach(in, m.shape(), (lineNo, dm) -> {
                consumer.accept(new JournalRecord(m.firstArrivalNanos() + n[0], dm.device(), dm.seq(), dm.measurement()));
                n[0]++;
            }, (lineNo, rej) -> {
                throw new IOException(file + ":" + lineNo + ": " + rej.reason());
            });
        }
        return n[0];
    }

    private static long forEachCsv(Path file, Optional<CaptureManifest> manifest, Consumer<JournalRecord> consumer)
            throws IOException {
        long[] n = {0};
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return 0;
            }
            Kind kind = manifest.map(CaptureManifest::kind).orElseGet(() -> CsvFormat.kindOf(header));
            int rows = manifest.map(m -> m.shape().rows()).orElseGet(() -> CsvFormat.dimensionOf(header));
            int cols = manifest.map(m -> m.shape().cols()).orElseGet(() -> CsvFormat.colsOf(header));
            TextLines.forEach(in, 1, (lineNo, line) -> {
                try {
                    consumer.accept(CsvFormat.parse(line, kind, rows, cols));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
                }
                n[0]++;
            });
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ":1: " + e.getMessage(), e);
        }
        return n[0];
    }

    /**
     * X*, d x d (or rows x cols) row-major, from dir/truth.json if there is one.
     *
     * @throws IOException naming the file when it is there but not a truth message
     */
    public static Optional<double[]> truth(Path dir) throws IOException {
        Path file = dir.resolve(TRUTH);
        return Files.isRegularFile(file) ? Optional.of(readTruth(file)) : Optional.empty();
    }

    /** X*, d x d (or rows x cols) row-major, from a truth file (truth.json or an estimate message). */
    public static double[] readTruth(Path file) throws IOException {
        try {
            return TruthCodec.matrix(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a portable CSV capture: rows as they come, manifest and truth when closed. */
    public static final class Writer implements AutoCloseable {

        private final Path dir;
        private final String array;
        private final ArrayShape shape;
        private final boolean rectangular;
        private final BufferedWriter out;
        private final CaptureManifest.Tally tally = new CaptureManifest.Tally();
        private byte[] truth;

        public Writer(Path dir, String array, Kind kind, int d) throws IOException {
            this(dir, array, false, ArrayShape.square(kind, d));
        }

        /** A capture of a rectangular array (rectangular true) or of a square one (shape d x d). */
        public Writer(Path dir, String array, boolean rectangular, ArrayShape shape) throws IOException {
            this.dir = dir;
            this.array = array;
            this.shape = shape;
            this.rectangular = rectangular;
            Files.createDirectories(dir);
            this.out = Files.newBufferedWriter(dir.resolve(CSV), StandardCharsets.UTF_8);
            out.write(CsvFormat.header(shape.kind(), shape.rows(), shape.cols()));
            out.write('\n');
        }

        public void write(JournalRecord r) throws IOException {
            out.write(CsvFormat.row(r));
            out.write('\n');
            tally.add(r.arrivalNanos());
        }

        /** The ground truth to store as truth.json (TruthCodec JSON). */
        public void truth(byte[] json) {
            this.truth = json.clone();
        }

        public long count() {
            return tally.count();
        }

        @Override
        public void close() throws IOException {
            out.close();
            tally.manifest(array, rectangular, shape).write(dir);
            if (truth != null) {
                Files.write(dir.resolve(TRUTH), truth);
            }
        }
    }
}
