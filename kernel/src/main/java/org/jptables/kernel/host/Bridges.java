package org.jptables.kernel.host;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The host's bridges: which interface is a port of which bridge, and each bridge's forwarding
 * database (the port a MAC address is behind). Built once from {@link HostConfig.BridgeConfig}s;
 * the lookups use arrays and allocate nothing.
 */
final class Bridges {
    static final int NONE = -1;

    /** Per interface position: the position of the bridge it is a port of, or NONE. */
    private final int[] bridgeOfPort;
    /** Per interface position (bridges only): its ports' positions in the order given, else null. */
    private final int[][] ports;
    private final long[] fdbMac;
    private final int[] fdbBridge;
    private final int[] fdbPort;

    Bridges(List<HostConfig.BridgeConfig> configs, int interfaceCount, ToIntFunction<String> positionOf) {
        bridgeOfPort = new int[interfaceCount];
        Arrays.fill(bridgeOfPort, NONE);
        ports = new int[interfaceCount][];
        int entries = 0;
        for (HostConfig.BridgeConfig c : configs) {
            entries += c.fdb() == null ? 0 : c.fdb().size();
        }
        fdbMac = new long[entries];
        fdbBridge = new int[entries];
        fdbPort = new int[entries];
        int entry = 0;
        for (HostConfig.BridgeConfig c : configs) {
            int bridge = position(c.name(), "bridge", c.name(), positionOf);
            if (ports[bridge] != null || bridgeOfPort[bridge] != NONE) {
                throw new IllegalArgumentException("host: bridge " + c.name() + " is given twice, or is a port");
            }
            List<String> names = c.ports() == null ? List.of() : c.ports();
            ports[bridge] = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                int port = position(names.get(i), "port", c.name(), positionOf);
                if (port == bridge || bridgeOfPort[port] != NONE || ports[port] != null) {
                    // Linux enslaves an interface to one bridge at most, and never a bridge to itself
                    throw new IllegalArgumentException("host: bridge " + c.name() + ": " + names.get(i)
                            + " is already a bridge or a bridge's port");
                }
                bridgeOfPort[port] = bridge;
                ports[bridge][i] = port;
            }
            for (Map.Entry<String, String> e : (c.fdb() == null ? Map.<String, String>of() : c.fdb()).entrySet()) {
                int port = position(e.getValue(), "fdb port", c.name(), positionOf);
                if (bridgeOfPort[port] != bridge) {
                    throw new IllegalArgumentException("host: bridge " + c.name() + ": fdb entry " + e.getKey()
                            + " names " + e.getValue() + ", which is not one of its ports");
                }
                fdbMac[entry] = Host.parseMac(e.getKey());
                fdbBridge[entry] = bridge;
                fdbPort[entry] = port;
                entry++;
            }
        }
    }

    private static int position(String name, String what, String bridge, ToIntFunction<String> positionOf) {
        int position = name == null ? -1 : positionOf.applyAsInt(name);
        if (position < 0) {
            throw new IllegalArgumentException("host: bridge " + bridge + ": " + what + " " + name
                    + " is not one of the interfaces");
        }
        return position;
    }

    /** The bridge {@code port} is enslaved to, or NONE. */
    int bridgeOf(int port) {
        return bridgeOfPort[port];
    }

    /** The port the bridge's forwarding database puts {@code mac} behind, or NONE (the frame is flooded). */
    int portOf(int bridge, long mac) {
        for (int i = 0; i < fdbMac.length; i++) {
            if (fdbMac[i] == mac && fdbBridge[i] == bridge) {
                return fdbPort[i];
            }
        }
        return NONE;
    }

    /** How many ports the bridge has (0 for an interface that is no bridge). */
    int portCount(int bridge) {
        return ports[bridge] == null ? 0 : ports[bridge].length;
    }

    /** The bridge's {@code i}-th port, in the order host.yaml gives them. */
    int port(int bridge, int i) {
        return ports[bridge][i];
    }
}
