package org.jptables.plugins.conntrack;

import org.jptables.api.Addresses;
import org.jptables.api.InetAton;
import org.jptables.api.ListingFormat;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * An {@code address[/mask]} argument as libxtables 1.8.9 reads it (XTTYPE_HOSTMASK): the address
 * as getaddrinfo reads it (inet_aton forms, then host names), the mask as a prefix length 0-32 or
 * as a dotted mask. A dotted mask that is no prefix is read as /32, as 1.8.9 does (fixed later).
 *
 * @param address the address, not masked (iptables keeps and prints it as given)
 * @param mask    the mask
 */
record HostMask(int address, int mask) {

    static HostMask parse(String option, String arg, Names names) throws RuleException {
        int slash = arg.indexOf('/');
        String host = slash < 0 ? arg : arg.substring(0, slash);
        int address = InetAton.resolve(host, names);
        int mask = -1;
        if (slash >= 0) {
            String text = arg.substring(slash + 1);
            long prefix = org.jptables.api.Numbers.parse(text, 0, 32);
            if (prefix >= 0 && !text.startsWith("-") && !text.startsWith("+")) {
                mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            } else {
                long dotted = InetAton.parse(text);
                if (dotted < 0) {
                    throw new RuleException("conntrack: bad value for option \"" + option
                            + "\", neither a valid network mask nor valid CIDR (0-32).\n");
                }
                int m = (int) dotted;
                mask = isPrefix(m) ? m : -1;
            }
        }
        return new HostMask(address, mask);
    }

    private static boolean isPrefix(int mask) {
        return mask == 0 || (~mask & (~mask + 1)) == 0;
    }

    boolean matches(int value) {
        return ((value ^ address) & mask) == 0;
    }

    /** {@code -L} form: "anywhere" for 0.0.0.0 unless numeric, names otherwise. */
    void print(StringBuilder out, ListingFormat format) {
        out.append(' ');
        if (!format.numeric() && address == 0) {
            out.append("anywhere");
            return;
        }
        String name = null;
        if (!format.numeric() && format.names() != null) {
            name = format.names().hostName(address);
            if (name == null) {
                name = format.names().networkName(address);
            }
        }
        out.append(name != null ? name : Addresses.format(address));
        suffix(out);
    }

    void save(StringBuilder out) {
        out.append(' ').append(Addresses.format(address));
        suffix(out);
    }

    private void suffix(StringBuilder out) {
        if (mask != -1) {
            out.append('/').append(Integer.bitCount(mask));
        }
    }
}
