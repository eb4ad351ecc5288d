package org.jptables.plugins.netmap;

import org.jptables.api.HostMasks;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * {@code --to}'s {@code address[/mask]} as libxtables 1.8.9 reads XTTYPE_HOSTMASK: the address as
 * getaddrinfo reads it (inet_aton forms, then host names), the mask as a prefix length 0-32 or a
 * dotted mask; a dotted mask that is no prefix (or a number above 32, which getaddrinfo reads as an
 * address) becomes /32, as in 1.8.9 (plugin-api's HostMasks, which conntrack and policy use too).
 *
 * @param address the address as given
 * @param mask    the mask, -1 without one
 */
record HostMask(int address, int mask) {
    static HostMask parse(String option, String arg, Names names) throws RuleException {
        int[] read = HostMasks.parse("NETMAP", option, arg, names);
        return new HostMask(read[0], read[1]);
    }
}
