package org.jptables.plugins.policy;

import org.jptables.api.Addresses;
import org.jptables.api.HostMasks;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * A {@code --tunnel-src}/{@code --tunnel-dst} argument as libxtables 1.8.9 reads XTTYPE_HOSTMASK:
 * the address as getaddrinfo reads it (inet_aton forms, then /etc/hosts names), the mask as a
 * prefix length 0-32 or a dotted mask; a dotted mask that is no prefix (or a number above 32, which
 * getaddrinfo reads as an address) becomes /32, as in 1.8.9. The address is kept as given, not
 * masked, and always printed as numbers (xtables_ipaddr_to_numeric).
 *
 * @param address the address
 * @param mask    the mask; -1 (/32) is printed without a suffix
 */
record TunnelAddress(int address, int mask) {
    static TunnelAddress parse(String option, String arg, Names names) throws RuleException {
        int[] read = HostMasks.parse("policy", option, arg, names);
        return new TunnelAddress(read[0], read[1]);
    }

    void append(StringBuilder out) {
        out.append(Addresses.format(address));
        if (mask != -1) {
            out.append('/').append(Integer.bitCount(mask));
        }
    }
}
