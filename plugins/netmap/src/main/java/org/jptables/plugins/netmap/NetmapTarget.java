package org.jptables.plugins.netmap;

import org.jptables.api.Addresses;
import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * netmap_tg4: the network bits of the address ({@code ~(min ^ max)}) come from the range, the host
 * bits from the packet's destination at PREROUTING and OUTPUT, its source at POSTROUTING and INPUT;
 * the connection is bound to that one address (NF_NAT_RANGE_MAP_IPS, ports kept) as DNAT or SNAT
 * (HOOK2MANIP), and nf_nat_setup_info's NF_ACCEPT is the verdict. The kernel's nat table sends only
 * a connection's first packet through the rules; {@link Packet#nat} binds the rest.
 */
final class NetmapTarget implements Target {
    /** libipt_NETMAP's range: min_ip = address & mask, max_ip = min_ip | ~mask. */
    private final int minAddress;
    private final int maxAddress;
    private final int netmask;

    private NetmapTarget(int minAddress, int maxAddress) {
        this.minAddress = minAddress;
        this.maxAddress = maxAddress;
        this.netmask = ~(minAddress ^ maxAddress);
    }

    static NetmapTarget of(HostMask to) {
        int min = to.address() & to.mask();
        return new NetmapTarget(min, min | ~to.mask());
    }

    /** The address the packet's connection is mapped to at {@code hook}. */
    int mapped(Packet p, Hook hook) {
        int old = destinationSide(hook) ? p.destination() : p.source();
        return (old & ~netmask) | (minAddress & netmask);
    }

    private static boolean destinationSide(Hook hook) {
        return hook == Hook.PREROUTING || hook == Hook.OUTPUT;
    }

    @Override
    public int apply(Packet p) {
        Hook hook = p.hook();
        int address = mapped(p, hook);
        p.nat(destinationSide(hook) ? Effects.DNAT : Effects.SNAT, address, address, 0, 0, Effects.NAT_MAP_IPS);
        return Verdict.ACCEPT;
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    /** " to:" and the network, numeric in -L as in -L -n. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" to:");
        network(out);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --to ");
        network(out);
    }

    /** The minimum address and the netmask ~(min ^ max) as a prefix length (dotted were it not one). */
    private void network(StringBuilder out) {
        out.append(Addresses.format(minAddress)).append('/');
        if (netmask == 0 || (~netmask & (~netmask + 1)) == 0) {
            out.append(Integer.bitCount(netmask));
        } else {
            out.append(Addresses.format(netmask));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetmapTarget t && t.minAddress == minAddress && t.maxAddress == maxAddress;
    }

    @Override
    public int hashCode() {
        return minAddress * 31 + maxAddress;
    }

    /** A 1:1 address mapping, bound in the connection's entry: no pool shared with other connections. */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }
}
