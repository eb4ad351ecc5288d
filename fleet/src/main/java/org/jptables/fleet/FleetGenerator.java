package org.jptables.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.PcapWriter;
import org.jptables.capture.PcapngWriter;
import org.jptables.capture.samples.OfficeTraffic;
import org.jptables.commands.Settings;

/**
 * {@code jptables fleet generate DIR [--hosts N] [--size SIZE] [--files N] [--seed N] [--pcapng]}: a fleet to
 * replay. Host {@code fw-01}, {@code fw-02}, ... each get the office traffic of {@code jptables
 * sample} with a seed of their own (SIZE bytes of frames each), rotated into N captures as tcpdump
 * {@code -C} would (by frames: no frame is cut), one of four rulesets in turn (classic, web,
 * gateway, strict), the office's host.yaml; the fleet gets a candidate ruleset, and every gateway
 * a candidate of its own. The manifest is {@code DIR/fleet.yaml}. Same arguments, same bytes.
 * With {@code --pcapng} the captures are pcapng files whose one interface is eth0, where the
 * office's traffic is taken.
 */
public final class FleetGenerator {
    static final String[] PROFILES = {"classic", "web", "gateway", "strict"};

    private FleetGenerator() {
    }

    /** What was written. */
    public record Fleet(Path manifest, long packets, long bytes) {
    }

    static int run(List<String> args, PrintStream out) throws IOException, Settings.UsageError {
        Path dir = null;
        int hosts = 4;
        long size = 4L << 20;
        int files = 2;
        long seed = OfficeTraffic.SEED;
        String pcapngInterface = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--hosts" -> {
                    hosts = (int) number(v, a);
                    i++;
                }
                case "--size" -> {
                    size = sizeOf(v, a);
                    i++;
                }
                case "--files" -> {
                    files = (int) number(v, a);
                    i++;
                }
                case "--seed" -> {
                    seed = number(v, a);
                    i++;
                }
                case "--pcapng" -> pcapngInterface = "eth0";
                default -> {
                    if (a.startsWith("-") || dir != null) {
                        throw new Settings.UsageError("fleet generate: unknown argument \"" + a + "\"");
                    }
                    dir = Path.of(a);
                }
            }
        }
        if (dir == null || hosts < 1 || files < 1) {
            throw new Settings.UsageError(
                    "fleet generate: give a folder (and at least one host and one file): fleet generate DIR");
        }
        Fleet f = write(dir, hosts, size, files, seed, pcapngInterface);
        out.printf("%s: %d hosts, %d frames, %d bytes of frames in %d captures each%n", f.manifest(), hosts,
                f.packets(), f.bytes(), files);
        return 0;
    }

    /** Writes the fleet under {@code dir} and returns its manifest. */
    public static Fleet write(Path dir, int hosts, long sizePerHost, int filesPerHost, long seed) throws IOException {
        return write(dir, hosts, sizePerHost, filesPerHost, seed, null);
    }

    /**
     * As above; with {@code pcapngInterface} not null the captures are pcapng files whose frames
     * were all taken on the interface of that name.
     */
    public static Fleet write(Path dir, int hosts, long sizePerHost, int filesPerHost, long seed,
            String pcapngInterface) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("candidate.rules"), "candidate.rules");
        StringBuilder manifest = new StringBuilder("# a generated fleet (jptables fleet generate): see docs/fleet.md\n"
                + "candidate: candidate.rules\nhosts:\n");
        long packets = 0;
        long bytes = 0;
        for (int h = 0; h < hosts; h++) {
            String name = String.format(Locale.ROOT, "fw-%02d", h + 1);
            String profile = PROFILES[h % PROFILES.length];
            Path hostDir = Files.createDirectories(dir.resolve(name));
            write(hostDir.resolve("rules.v4"), profile + ".rules");
            write(hostDir.resolve("host.yaml"), "../host.yaml");
            Path full = hostDir.resolve("all.pcap.tmp");
            OfficeTraffic.Written w = OfficeTraffic.write(full, seed + h, sizePerHost);
            packets += w.packets();
            bytes += w.bytes();
            List<String> captures = rotate(full, hostDir, w.packets(), filesPerHost, pcapngInterface);
            Files.delete(full);
            manifest.append("  - name: ").append(name).append('\n')
                    .append("    captures: [").append(String.join(", ", captures)).append("]\n")
                    .append("    rules: ").append(name).append("/rules.v4\n")
                    .append("    host: ").append(name).append("/host.yaml\n");
            if (profile.equals("gateway")) {
                write(hostDir.resolve("candidate.rules"), "gateway-candidate.rules");
                manifest.append("    candidate: ").append(name).append("/candidate.rules\n");
            }
        }
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, manifest);
        return new Fleet(file, packets, bytes);
    }

    /** A capture being written, pcap or pcapng. */
    private interface Writer extends AutoCloseable {
        void write(long timeNanos, byte[] frame, int offset, int length) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static Writer writer(Path file, String pcapngInterface) throws IOException {
        if (pcapngInterface == null) {
            PcapWriter pcap = new PcapWriter(file);
            return new Writer() {
                @Override
                public void write(long timeNanos, byte[] frame, int offset, int length) throws IOException {
                    pcap.write(timeNanos, frame, offset, length);
                }

                @Override
                public void close() throws IOException {
                    pcap.close();
                }
            };
        }
        PcapngWriter pcapng = new PcapngWriter(file, List.of(pcapngInterface));
        return new Writer() {
            @Override
            public void write(long timeNanos, byte[] frame, int offset, int length) throws IOException {
                pcapng.write(0, timeNanos, frame, offset, length);
            }

            @Override
            public void close() throws IOException {
                pcapng.close();
            }
        };
    }

    /**
     * Splits a capture into {@code files} captures of about equal frame counts: NAME/0.pcap,
     * NAME/1.pcap, ... (or .pcapng files of one interface named {@code pcapngInterface}).
     */
    private static List<String> rotate(Path full, Path hostDir, long frames, int files, String pcapngInterface)
            throws IOException {
        List<String> names = new ArrayList<>();
        long perFile = Math.max(1, (frames + files - 1) / files);
        try (CaptureReader reader = CaptureReader.open(full)) {
            CaptureRecord r = new CaptureRecord();
            Writer w = null;
            long n = 0;
            try {
                while (reader.next(r)) {
                    if (n % perFile == 0) {
                        if (w != null) {
                            w.close();
                        }
                        String name = (n / perFile) + (pcapngInterface == null ? ".pcap" : ".pcapng");
                        names.add(hostDir.getFileName() + "/" + name);
                        w = writer(hostDir.resolve(name), pcapngInterface);
                    }
                    w.write(r.timeNanos, r.data, 0, r.length);
                    n++;
                }
            } finally {
                if (w != null) {
                    w.close();
                }
            }
        }
        return names;
    }

    private static void write(Path file, String resource) throws IOException {
        String path = resource.startsWith("../") ? resource.substring(3) : "rulesets/" + resource;
        try (InputStream in = FleetGenerator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing resource " + path));
            }
            Files.write(file, in.readAllBytes());
        }
    }

    private static long number(String v, String option) throws Settings.UsageError {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new Settings.UsageError("fleet generate: " + option + " wants a number");
        }
    }

    private static long sizeOf(String v, String option) throws Settings.UsageError {
        if (v == null || v.isEmpty()) {
            throw new Settings.UsageError("fleet generate: " + option + " wants a size");
        }
        long unit = switch (Character.toUpperCase(v.charAt(v.length() - 1))) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return number(unit == 1 ? v : v.substring(0, v.length() - 1), option) * unit;
    }
}
