package org.jptables.commands.state;

import java.util.ArrayList;
import java.util.List;
import org.jptables.kernel.nfacct.AcctObject;
import org.jptables.kernel.nfacct.AcctStore;

/**
 * The accounting objects of nfnetlink_acct in the state file: one comment line each, before the
 * tables (a rule naming an object can only be loaded once the object exists), in the order they
 * were added: {@code #nfacct PACKETS BYTES MODE QUOTA OVERQUOTA NAME}, the counters unsigned,
 * MODE {@code -}, {@code packet} or {@code byte}, OVERQUOTA 0 or 1, the name last so that it may
 * hold blanks.
 */
final class NfacctState {
    static final String PREFIX = "#nfacct ";

    private NfacctState() {
    }

    /** A line that does not read as an object; {@link #index} is its place among the object lines. */
    static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        Corrupt(int index, String message) {
            super(message);
            this.index = index;
        }

        int index() {
            return index;
        }
    }

    /** The lines of {@code store}'s objects, without the prefix. */
    static List<String> write(AcctStore store) {
        List<String> lines = new ArrayList<>();
        for (AcctObject o : store.objects()) {
            String mode = switch (o.mode()) {
                case NONE -> "-";
                case PACKETS -> "packet";
                case BYTES -> "byte";
            };
            lines.add(Long.toUnsignedString(o.packets()) + " " + Long.toUnsignedString(o.bytes()) + " " + mode + " "
                    + Long.toUnsignedString(o.quota()) + " " + (o.overquota() ? 1 : 0) + " " + o.name());
        }
        return lines;
    }

    /** Adds the objects of {@code lines} (without the prefix) to {@code store}. */
    static void read(List<String> lines, AcctStore store) throws Corrupt {
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ", 6);
            if (f.length != 6) {
                throw new Corrupt(i, "an nfacct line needs 6 fields");
            }
            try {
                AcctObject.QuotaMode mode = switch (f[2]) {
                    case "-" -> AcctObject.QuotaMode.NONE;
                    case "packet" -> AcctObject.QuotaMode.PACKETS;
                    case "byte" -> AcctObject.QuotaMode.BYTES;
                    default -> throw new Corrupt(i, "unknown nfacct quota mode \"" + f[2] + "\"");
                };
                store.add(f[5], mode, Long.parseUnsignedLong(f[3]), Long.parseUnsignedLong(f[0]),
                        Long.parseUnsignedLong(f[1]), f[4].equals("1"));
            } catch (NumberFormatException e) {
                throw new Corrupt(i, "bad nfacct counter: " + e.getMessage());
            } catch (AcctStore.AcctException e) {
                throw new Corrupt(i, "nfacct object \"" + f[5] + "\": " + e.getMessage());
            }
        }
    }
}
