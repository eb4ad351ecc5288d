package org.jptables.kernel.nfacct;

import java.io.PrintStream;
import java.math.BigInteger;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * nfacct 1.0.2's command line on an {@link AcctStore}: {@code list [reset] [xml|json]},
 * {@code add NAME [byte|packet QUOTA]}, {@code delete NAME}, {@code get NAME [reset] [xml|json]},
 * {@code flush}, {@code version}, {@code help}; commands and list/get words may be shortened to any
 * prefix, as the tool compares them. Messages, streams and exit statuses are the tool's; the
 * kernel's refusals come as {@code error: } and the errno's text. {@code restore} and
 * {@code monitor} are not offered: see {@link #run}.
 */
public final class NfacctTool {
    private static final String[] COMMANDS = {"list", "add", "delete", "get", "flush", "version", "help",
        "restore", "monitor"};
    private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64);

    private final AcctStore store;
    private final PrintStream out;
    private final PrintStream err;
    private final LongSupplier epochSeconds;
    private boolean changed;

    /** A tool on {@code store}; JSON listings are stamped with {@code epochSeconds}. */
    public NfacctTool(AcctStore store, PrintStream out, PrintStream err, LongSupplier epochSeconds) {
        this.store = store;
        this.out = out;
        this.err = err;
        this.epochSeconds = epochSeconds;
    }

    /** Whether a command changed the store (an object added, deleted, or its counters reset). */
    public boolean changed() {
        return changed;
    }

    /** Runs one command ({@code args} without the program's name); the exit status. */
    public int run(List<String> args) {
        if (args.isEmpty()) {
            err.print(NfacctTexts.USAGE);
            return 1;
        }
        String command = command(args.get(0));
        if (command == null) {
            err.print(NfacctTexts.PREFIX + "Unknown command: " + args.get(0) + "\n" + NfacctTexts.USAGE);
            return 1;
        }
        return switch (command) {
            case "list" -> list(args);
            case "add" -> add(args);
            case "delete" -> delete(args);
            case "get" -> get(args);
            case "flush" -> flush(args);
            case "version" -> print(NfacctTexts.VERSION);
            case "help" -> print(NfacctTexts.HELP);
            // restore reads another tool's listing, monitor waits for the kernel's quota
            // notifications: neither has a meaning for the state file, so neither is pretended
            default -> fail("\"" + command + "\" is not supported by jptables");
        };
    }

    /** The first command {@code word} is a prefix of (strncmp over the word's length), or null. */
    private static String command(String word) {
        for (String c : COMMANDS) {
            if (c.startsWith(word)) {
                return c;
            }
        }
        return null;
    }

    private int print(String text) {
        out.print(text);
        return 0;
    }

    private int fail(String message) {
        err.print(NfacctTexts.PREFIX + message + "\n");
        return 1;
    }

    /** The list and get options from {@code from} on: reset, xml, json, each as any prefix. */
    private record Options(boolean reset, NfacctFormat format) {
    }

    private Options options(List<String> args, int from) {
        boolean reset = false;
        NfacctFormat format = NfacctFormat.PLAIN;
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if ("reset".startsWith(a)) {
                reset = true;
            } else if ("xml".startsWith(a)) {
                format = NfacctFormat.XML;
            } else if ("json".startsWith(a)) {
                format = NfacctFormat.JSON;
            } else {
                fail("unknown argument");
                return null;
            }
        }
        return new Options(reset, format);
    }

    private int list(List<String> args) {
        Options o = options(args, 1);
        if (o == null) {
            return 1;
        }
        List<AcctObject> objects = store.objects();
        if (o.reset()) {
            objects = objects.stream().map(AcctObject::readAndReset).toList();
            changed = true;
        }
        return show(objects, o.format());
    }

    private int get(List<String> args) {
        if (args.size() < 2) {
            return fail("missing object name");
        }
        Options o = options(args, 2);
        if (o == null) {
            return 1;
        }
        AcctObject object = store.get(args.get(1));
        if (object == null) {
            return fail("error: No such file or directory");
        }
        if (o.reset()) {
            object = object.readAndReset();
            changed = true;
        }
        return show(List.of(object), o.format());
    }

    private int show(List<AcctObject> objects, NfacctFormat format) {
        StringBuilder text = new StringBuilder();
        format.print(objects, epochSeconds.getAsLong(), text);
        out.print(text);
        return 0;
    }

    private int add(List<String> args) {
        if (args.size() < 2) {
            return fail("missing object name");
        }
        if (args.size() > 4) {
            return fail("too many arguments");
        }
        AcctObject.QuotaMode mode = AcctObject.QuotaMode.NONE;
        long quota = 0;
        if (args.size() == 3) {
            return fail("missing quota value");
        }
        if (args.size() == 4) {
            switch (args.get(2)) {
                case "byte" -> mode = AcctObject.QuotaMode.BYTES;
                case "packet" -> mode = AcctObject.QuotaMode.PACKETS;
                default -> {
                    return fail("argument must \"byte\" or \"packet\"");
                }
            }
            BigInteger value = strtoull(args.get(3));
            if (value == null) {
                return fail("error reading quota");
            }
            quota = value.longValue();
        }
        try {
            store.add(args.get(1), mode, quota, 0, 0, false);
        } catch (AcctStore.AcctException e) {
            return fail("error: " + e.getMessage());
        }
        changed = true;
        return 0;
    }

    /**
     * strtoull(text, &end, 10) as the tool reads a quota: leading blanks, a sign, the digits that
     * follow (anything after them ignored); past 2^64 - 1 it saturates, a minus negates modulo 2^64.
     * Null when no digit follows.
     */
    static BigInteger strtoull(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) >= '\t' && text.charAt(i) <= '\r')) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int start = i;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            return null;
        }
        BigInteger v = new BigInteger(text.substring(start, i));
        if (v.compareTo(U64) >= 0) {
            return U64.subtract(BigInteger.ONE);
        }
        return negative ? U64.subtract(v).mod(U64) : v;
    }

    private int delete(List<String> args) {
        if (args.size() < 2) {
            return fail("missing object name");
        }
        if (args.size() > 2) {
            return fail("too many arguments");
        }
        try {
            store.delete(args.get(1));
        } catch (AcctStore.AcctException e) {
            return fail("error: " + e.getMessage());
        }
        changed = true;
        return 0;
    }

    private int flush(List<String> args) {
        if (args.size() > 1) {
            return fail("too many arguments");
        }
        store.flush();
        changed = true;
        return 0;
    }
}
