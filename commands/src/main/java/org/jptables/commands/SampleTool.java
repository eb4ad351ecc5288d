package org.jptables.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jptables.capture.samples.OfficeTraffic;

/**
 * {@code jptables sample office FILE.pcap [--seed N] [--size SIZE]}: writes the generated office
 * traffic (the distribution's samples/office.pcap with the default seed and size), or as many rounds
 * of it as make SIZE bytes of frames (suffixes K, M, G), for replays at scale.
 */
final class SampleTool {
    private static final String PROGRAM = "jptables";
    private final PrintStream out;
    private final PrintStream err;

    SampleTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.equals(List.of("-h")) || args.equals(List.of("--help"))) {
            out.print(Help.sample());
            return 0;
        }
        try {
            if (args.isEmpty() || !args.get(0).equals("office")) {
                throw new Settings.UsageError("sample: give the sample's name and a file: sample office FILE.pcap"
                        + " [--seed N] [--size SIZE]");
            }
            Path file = null;
            long seed = OfficeTraffic.SEED;
            long size = 0;
            for (int i = 1; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--seed" -> seed = number(value(args, ++i, a), a);
                    case "--size" -> size = size(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("-") || file != null) {
                            throw new Settings.UsageError("sample: unknown argument \"" + a + "\"");
                        }
                        file = Path.of(a);
                    }
                }
            }
            if (file == null) {
                throw new Settings.UsageError("sample: give the file to write: sample office FILE.pcap");
            }
            OfficeTraffic.Written w = OfficeTraffic.write(file, seed, size);
            out.print(file + ": " + w.packets() + " frames, " + w.bytes() + " bytes of frames, " + w.rounds()
                    + (w.rounds() == 1 ? " round" : " rounds") + " of office traffic (seed " + seed + ")\n");
            return 0;
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 2;
        } catch (IOException e) {
            err.print(PROGRAM + ": sample: cannot write: " + e.getMessage() + "\n");
            return 1;
        }
    }

    private static String value(List<String> args, int i, String option) throws Settings.UsageError {
        if (i >= args.size()) {
            throw new Settings.UsageError("sample: option \"" + option + "\" requires an argument");
        }
        return args.get(i);
    }

    private static long number(String text, String option) throws Settings.UsageError {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Settings.UsageError("sample: " + option + " wants a number, not \"" + text + "\"");
        }
    }

    /** 1500, 64K, 200M, 1G (powers of 1024). */
    static long size(String text) throws Settings.UsageError {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> {
                }
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Settings.UsageError("sample: --size wants a size such as 1500, 64K, 200M or 1G, not \"" + text + "\"");
        }
    }
}
