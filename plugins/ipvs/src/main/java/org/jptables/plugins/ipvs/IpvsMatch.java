package org.jptables.plugins.ipvs;

import org.jptables.api.Addresses;
import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_ipvs's ipvs_mt on a host without IPVS: no packet has {@code skb->ipvs_property}, so
 * {@code --ipvs} alone fails and {@code ! --ipvs} alone holds, and any other option (which implies
 * {@code --ipvs}, even negated) fails before the IPVS connection would be looked at.
 *
 * @param bitmask the options given (XT_IPVS_*), {@link #PROPERTY} included when others are
 * @param invert  those given with {@code !}; {@link #DIR} for {@code --vdir REPLY}
 * @param mask    the --vaddr mask, -1 for /32
 * @param method  IP_VS_CONN_F_* of --vmethod
 */
record IpvsMatch(int bitmask, int invert, int protocol, int address, int mask, int port, int method,
                 int portControl) implements Match {
    static final int PROPERTY = 1;
    static final int PROTO = 1 << 1;
    static final int VADDR = 1 << 2;
    static final int VPORT = 1 << 3;
    static final int DIR = 1 << 4;
    static final int METHOD = 1 << 5;
    static final int VPORTCTL = 1 << 6;

    /** IP_VS_CONN_F_MASQ, _TUNNEL, _DROUTE. */
    static final int MASQ = 0;
    static final int IPIP = 2;
    static final int GATE = 3;

    @Override
    public boolean matches(Packet packet) {
        boolean ipvsProperty = false; // the host model has no IPVS
        if (bitmask == PROPERTY) {
            return ipvsProperty != ((invert & PROPERTY) != 0);
        }
        return false;
    }

    /** It reads nothing of the packet and changes nothing. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        dump(out, format.numeric() || format.names() == null ? null : format, "");
    }

    @Override
    public void save(StringBuilder out) {
        dump(out, null, "--");
    }

    /** ipvs_mt_dump: {@code format} null for numeric addresses. */
    private void dump(StringBuilder out, ListingFormat format, String prefix) {
        if (bitmask == PROPERTY) {
            not(out, PROPERTY).append(' ').append(prefix).append("ipvs");
        }
        if ((bitmask & PROTO) != 0) {
            not(out, PROTO).append(' ').append(prefix).append("vproto ").append(protocol);
        }
        if ((bitmask & VADDR) != 0) {
            not(out, VADDR).append(' ').append(prefix).append("vaddr");
            address(out, format);
        }
        if ((bitmask & VPORT) != 0) {
            not(out, VPORT).append(' ').append(prefix).append("vport ").append(port);
        }
        if ((bitmask & DIR) != 0) {
            out.append(' ').append(prefix).append("vdir ").append((invert & DIR) != 0 ? "REPLY" : "ORIGINAL");
        }
        if ((bitmask & METHOD) != 0) {
            not(out, METHOD).append(' ').append(prefix).append("vmethod ")
                    .append(method == GATE ? "GATE" : method == IPIP ? "IPIP" : "MASQ");
        }
        if ((bitmask & VPORTCTL) != 0) {
            not(out, VPORTCTL).append(' ').append(prefix).append("vportctl ").append(portControl);
        }
    }

    private StringBuilder not(StringBuilder out, int bit) {
        return (invert & bit) != 0 ? out.append(" !") : out;
    }

    /** ipvs_mt_dump_addr: "anywhere" for 0.0.0.0 unless numeric, a host or network name where one is known. */
    private void address(StringBuilder out, ListingFormat format) {
        out.append(' ');
        if (format != null && address == 0) {
            out.append("anywhere");
            return;
        }
        String name = null;
        if (format != null) {
            name = format.names().hostName(address);
            if (name == null) {
                name = format.names().networkName(address);
            }
        }
        out.append(name != null ? name : Addresses.format(address));
        if (mask != -1) {
            out.append('/').append(Integer.bitCount(mask));
        }
    }
}
