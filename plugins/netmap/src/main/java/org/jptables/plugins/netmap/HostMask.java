package org.jptables.plugins.netmap;

import org.jptables.api.InetAton;
import org.jptables.api.Names;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/**
 * {@code --to}'s {@code address[/mask]} as libxtables 1.8.9 reads XTTYPE_HOSTMASK: the address as
 * getaddrinfo reads it (inet_aton forms, then host names), the mask as a prefix length 0-32 or a
 * dotted mask; a dotted mask that is no prefix (or a number above 32, which getaddrinfo reads as an
 * address) becomes /32, as in 1.8.9. (conntrack's and policy's plugins read the same type.)
 *
 * @param address the address as given
 * @param mask    the mask, -1 without one
 */
record HostMask(int address, int mask) {
    static HostMask parse(String option, String arg, Names names) throws RuleException {
        int slash = arg.indexOf('/');
        int address = InetAton.resolve(slash < 0 ? arg : arg.substring(0, slash), names);
        int mask = -1;
        if (slash >= 0) {
            String text = arg.substring(slash + 1);
            long prefix = Numbers.parse(text, 0, 32);
            if (prefix >= 0 && !text.startsWith("-") && !text.startsWith("+")) {
                mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            } else {
                long dotted = InetAton.parse(text);
                if (dotted < 0) {
                    throw new RuleException("NETMAP: bad value for option \"" + option
                            + "\", neither a valid network mask nor valid CIDR (0-32).\n");
                }
                int m = (int) dotted;
                mask = m == 0 || (~m & (~m + 1)) == 0 ? m : -1;
            }
        }
        return new HostMask(address, mask);
    }
}
