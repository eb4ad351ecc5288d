package org.jptables.plugins.conntrack;

import org.jptables.api.Addresses;
import org.jptables.api.HostMasks;
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
        int[] read = HostMasks.parse("conntrack", option, arg, names);
        return new HostMask(read[0], read[1]);
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
