package org.jptables.plugins.ipheader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jptables.api.CNumbers;
import org.jptables.api.InetAton;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * The argument of {@code -s} or {@code -d} as xtables_ipparse_multiple reads it: a
 * comma-separated list of {@code host[/mask]}, each host a number ({@link DottedQuad}), a network
 * of /etc/networks, or a host name (every address it has, or getaddrinfo's numeric forms), each
 * mask a prefix length 0-32 or a dotted mask. A zero mask ignores the host ({@code any/0}).
 * Addresses are masked.
 *
 * @param addresses the addresses, in order (a name with several addresses gives several)
 * @param masks     the mask of each address
 */
record AddressList(int[] addresses, int[] masks) {
    private static final int HOST_MAX = 255;

    /** Any address: what iptables uses when the option is not given. */
    static final AddressList ANY = new AddressList(new int[] {0}, new int[] {0});

    int size() {
        return addresses.length;
    }

    static AddressList parse(String arg, Names names) throws RuleException {
        List<Integer> addrs = new ArrayList<>();
        List<Integer> masks = new ArrayList<>();
        int from = 0;
        while (true) {
            while (from < arg.length() && CNumbers.isSpace(arg.charAt(from))) {
                from++;
            }
            int comma = arg.indexOf(',', from);
            String item = comma < 0 ? arg.substring(from) : arg.substring(from, comma);
            if (item.getBytes(StandardCharsets.UTF_8).length > HOST_MAX) {
                throw new RuleException("Hostname too long");
            }
            int slash = item.lastIndexOf('/');
            String host = slash < 0 ? item : item.substring(0, slash);
            int mask = slash < 0 ? -1 : mask(item.substring(slash + 1));
            if (mask == 0) {
                host = "0.0.0.0";
            }
            for (int a : hosts(host, names)) {
                addrs.add(a & mask);
                masks.add(mask);
            }
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        return new AddressList(addrs.stream().mapToInt(Integer::intValue).toArray(),
                masks.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int mask(String text) throws RuleException {
        long dotted = DottedQuad.mask(text);
        if (dotted >= 0) {
            return (int) dotted;
        }
        long bits = CNumbers.whole(text, 0, 32);
        if (bits < 0) {
            throw new RuleException("invalid mask `" + text + "' specified");
        }
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /** ipparse_hostnetwork: a number, then a network name, then the host's addresses. */
    private static int[] hosts(String host, Names names) throws RuleException {
        long numeric = DottedQuad.address(host);
        if (numeric < 0) {
            numeric = NetworkNames.address(host);
        }
        if (numeric >= 0) {
            return new int[] {(int) numeric};
        }
        long aton = InetAton.parse(host);
        if (aton >= 0) {
            return new int[] {(int) aton};
        }
        if (names != null && !host.isEmpty()) {
            int[] found = names.hostAddresses(host);
            if (found.length == 0) {
                // the hosts database is searched without regard to case
                found = names.hostAddresses(host.toLowerCase(Locale.ROOT));
            }
            if (found.length > 0) {
                return found;
            }
        }
        throw new RuleException("host/network `" + host + "' not found");
    }
}
