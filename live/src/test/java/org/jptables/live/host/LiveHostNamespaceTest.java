package org.jptables.live.host;

import static org.jptables.live.testing.TestNamespaces.check;
import static org.jptables.live.testing.TestNamespaces.exec;
import static org.jptables.live.testing.TestNamespaces.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jptables.api.Addresses;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.host.HostConfig;
import org.jptables.kernel.host.HostConfig.InterfaceConfig;
import org.jptables.kernel.host.HostConfig.NeighbourConfig;
import org.jptables.kernel.host.HostConfig.RouteConfig;
import org.jptables.live.testing.TestNamespaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host of a namespace of the test's own, read over rtnetlink, against what iproute2 prints
 * there; then changed, and followed. The namespace: a veth pair to a peer namespace, a bridge
 * without ports in place of a dummy interface (this kernel may have no dummy driver), two
 * subnets on it, a default route and one with a preferred source and realms, a permanent neighbour,
 * forwarding on.
 */
class LiveHostNamespaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> USABLE = Set.of("REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT");

    @BeforeEach
    void rootOnly() {
        TestNamespaces.assumeAvailable();
    }

    private static String makeHost(TestNamespaces namespaces) {
        String host = namespaces.add("host");
        String peer = namespaces.add("peer");
        ip(host, "link", "add", "jv0", "type", "veth", "peer", "name", "jv1", "netns", peer);
        ip(host, "addr", "add", "198.18.20.1/24", "dev", "jv0");
        ip(host, "link", "set", "jv0", "up");
        ip(peer, "addr", "add", "198.18.20.2/24", "dev", "jv1");
        ip(peer, "link", "set", "jv1", "up");
        ip(host, "link", "add", "jbr0", "type", "bridge");
        ip(host, "link", "set", "jbr0", "mtu", "1400");
        ip(host, "addr", "add", "198.18.21.1/24", "dev", "jbr0");
        ip(host, "addr", "add", "198.18.22.1/24", "dev", "jbr0");
        ip(host, "link", "set", "jbr0", "up");
        ip(host, "route", "add", "default", "via", "198.18.20.2");
        ip(host, "route", "add", "198.18.30.0/24", "via", "198.18.20.2", "src", "198.18.21.1", "realms", "3/5");
        ip(host, "neigh", "replace", "198.18.20.2", "lladdr", "02:00:00:00:14:02", "dev", "jv0", "nud", "permanent");
        check(exec(host, "sysctl", "-qw", "net.ipv4.ip_forward=1"));
        return host;
    }

    private static void ip(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(args));
        check(run(command.toArray(String[]::new)));
    }

    private static JsonNode json(String namespace, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace, "-j"));
        command.addAll(List.of(args));
        return JSON.readTree(check(run(command.toArray(String[]::new))).stdout());
    }

    /** The host as `ip -j addr`, `ip -j route`, `ip -j neigh` and sysctl print it in {@code namespace}. */
    static HostConfig asIpPrintsIt(String namespace) throws IOException {
        List<InterfaceConfig> interfaces = new ArrayList<>();
        Map<String, Integer> ifindex = new HashMap<>();
        Map<String, List<String>> addressesOf = new HashMap<>();
        for (JsonNode link : json(namespace, "addr", "show")) {
            List<String> addresses = new ArrayList<>();
            for (JsonNode a : link.path("addr_info")) {
                if ("inet".equals(a.path("family").asText())) {
                    addresses.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
                }
            }
            String name = link.path("ifname").asText();
            boolean up = false;
            for (JsonNode flag : link.path("flags")) {
                up |= "UP".equals(flag.asText());
            }
            String linkType = link.path("link_type").asText();
            String mac = linkType.equals("ether") || linkType.equals("loopback") ? link.path("address").asText() : null;
            interfaces.add(new InterfaceConfig(name, link.path("ifindex").asInt(), mac, addresses,
                    link.path("mtu").asInt(), up ? null : false));
            ifindex.put(name, link.path("ifindex").asInt());
            addressesOf.put(name, addresses);
        }
        interfaces.sort(Comparator.comparingInt(InterfaceConfig::index));
        List<RouteConfig> routes = new ArrayList<>();
        for (JsonNode r : json(namespace, "-4", "route", "show", "table", "main")) {
            if (r.has("type") && !"unicast".equals(r.path("type").asText())) {
                continue;
            }
            String dst = r.path("dst").asText();
            String destination = dst.equals("default") || dst.contains("/") ? dst : dst + "/32";
            String device = r.path("dev").asText();
            boolean connected = "kernel".equals(r.path("protocol").asText()) && "link".equals(r.path("scope").asText())
                    && !r.has("gateway") && addressesOf.get(device).stream().anyMatch(a -> network(a).equals(destination));
            if (!connected) {
                JsonNode flow = r.path("flow"); // iproute2: "realm TO" or "realms FROM/TO"
                String realm = !r.has("flow") ? null
                        : (flow.has("from") ? flow.path("from").asText() + "/" : "") + flow.path("to").asText();
                routes.add(new RouteConfig(destination, r.has("gateway") ? r.path("gateway").asText() : null, device,
                        r.has("prefsrc") ? r.path("prefsrc").asText() : null, realm));
            }
        }
        List<NeighbourConfig> neighbours = new ArrayList<>();
        for (JsonNode n : json(namespace, "-4", "neigh", "show")) {
            boolean usable = false;
            for (JsonNode state : n.path("state")) {
                usable |= USABLE.contains(state.asText());
            }
            if (usable && n.has("lladdr")) {
                neighbours.add(new NeighbourConfig(n.path("dst").asText(), n.path("lladdr").asText(), n.path("dev").asText()));
            }
        }
        neighbours.sort(Comparator.<NeighbourConfig>comparingInt(n -> ifindex.get(n.device()))
                .thenComparingLong(n -> Integer.toUnsignedLong(Addresses.parse(n.address()))));
        String forwarding = check(exec(namespace, "sysctl", "-n", "net.ipv4.ip_forward")).stdout().strip();
        return new HostConfig("1".equals(forwarding), interfaces, neighbours, routes);
    }

    private static String network(String addressWithPrefix) {
        String[] parts = addressWithPrefix.split("/");
        int prefix = Integer.parseInt(parts[1]);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return Addresses.format(Addresses.parse(parts[0]) & mask) + "/" + prefix;
    }

    /** Runs {@code work} on a thread of its own inside {@code namespace}. */
    static <T> T inNamespace(String namespace, Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("in-" + namespace).start(() -> {
            try {
                TestNamespaces.enter(namespace);
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }

    private static Host await(LinkedBlockingQueue<Host> changes, Predicate<Host> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            Host h = changes.poll(left, TimeUnit.NANOSECONDS);
            if (h != null && wanted.test(h)) {
                return h;
            }
        }
        return fail("no host " + what + " within 5 s");
    }

    private static int a(String text) {
        return Addresses.parse(text);
    }

    @Test
    void readsTheHostAsIproute2PrintsIt() throws Exception {
        try (TestNamespaces namespaces = new TestNamespaces()) {
            String ns = makeHost(namespaces);
            HostConfig read = inNamespace(ns, LiveHost::read);
            HostConfig printed = asIpPrintsIt(ns);
            assertEquals(printed, read);
            // the namespace is what the test made, not an empty one on both sides
            assertEquals(List.of("lo", "jv0", "jbr0"), read.interfaces().stream().map(InterfaceConfig::name).toList());
            assertEquals(List.of("198.18.21.1/24", "198.18.22.1/24"), read.interfaces().get(2).addresses());
            assertEquals(1400, read.interfaces().get(2).mtu());
            assertEquals(List.of(new RouteConfig("default", "198.18.20.2", "jv0", null),
                    new RouteConfig("198.18.30.0/24", "198.18.20.2", "jv0", "198.18.21.1", "3/5")), read.routes());
            assertEquals(List.of(new NeighbourConfig("198.18.20.2", "02:00:00:00:14:02", "jv0")), read.neighbours());
            assertTrue(read.forwarding());

            Host host = Host.of(read);
            int jv0 = host.indexOf("jv0");
            assertEquals(jv0, host.indexOfIfindex(read.interfaces().get(1).index()));
            assertEquals(a("198.18.21.1"), host.sourceAddressFor(a("198.18.30.7")));
            assertEquals(a("198.18.20.2"), host.nextHop(a("203.0.113.1")));
            assertEquals(0x020000001402L, host.neighbourMac(a("198.18.20.2")));
            assertEquals(host.indexOf("jbr0"), host.routeDevice(a("198.18.22.9")));
        }
    }

    @Test
    void followsTheHostAsItChanges() throws Exception {
        LinkedBlockingQueue<Host> changes = new LinkedBlockingQueue<>();
        try (TestNamespaces namespaces = new TestNamespaces()) {
            String ns = makeHost(namespaces);
            try (LiveHost live = inNamespace(ns, () -> LiveHost.open(changes::add))) {
                assertEquals(asIpPrintsIt(ns), live.currentConfig());

                ip(ns, "addr", "add", "198.18.23.1/24", "dev", "jbr0");
                Host added = await(changes, h -> h.isLocal(a("198.18.23.1")), "with the new address");
                assertEquals(added.indexOf("jbr0"), added.routeDevice(a("198.18.23.9")));

                ip(ns, "link", "set", "jbr0", "down");
                Host down = await(changes, h -> !h.up(h.indexOf("jbr0")), "with jbr0 down");
                assertEquals(down.indexOf("jv0"), down.routeDevice(a("198.18.21.9")), "the subnet's route left with the link");
                assertTrue(down.isLocal(a("198.18.21.1")), "a down link's address stays the host's");

                ip(ns, "route", "add", "198.18.40.0/24", "via", "198.18.20.2");
                Host routed = await(changes, h -> h.nextHop(a("198.18.40.1")) == a("198.18.20.2"), "with the new route");
                assertEquals(routed.indexOf("jv0"), routed.routeDevice(a("198.18.40.1")));

                ip(ns, "neigh", "replace", "198.18.20.9", "lladdr", "02:00:00:00:14:09", "dev", "jv0", "nud", "permanent");
                await(changes, h -> h.neighbourMac(a("198.18.20.9")) == 0x020000001409L, "with the new neighbour");

                check(exec(ns, "sysctl", "-qw", "net.ipv4.ip_forward=0"));
                Host notForwarding = await(changes, h -> !h.forwarding(), "that does not forward");
                assertFalse(notForwarding.forwarding());

                assertEquals(asIpPrintsIt(ns), live.currentConfig());
                assertEquals(0, live.lostNotifications());
                assertTrue(live.describe().contains("198.18.40.0/24"), live.describe());
            }
        }
    }

    /** The notification socket overflows while the handler holds its thread: the loss must end in a whole reading. */
    @Test
    void lostNotificationsEndInAWholeReading() throws Exception {
        LinkedBlockingQueue<Host> changes = new LinkedBlockingQueue<>();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Path batch = Files.createTempFile("jpt-rtnl-", ".batch");
        try (TestNamespaces namespaces = new TestNamespaces()) {
            String ns = makeHost(namespaces);
            StringBuilder commands = new StringBuilder();
            for (int i = 1; i <= 200; i++) {
                commands.append("addr add 198.18.60.").append(i).append("/32 dev jbr0\n");
            }
            Files.writeString(batch, commands);
            try (LiveHost live = inNamespace(ns, () -> LiveHost.open(h -> {
                inHandler.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                changes.add(h);
            }, 4096, LiveHost.Timing.DEFAULT))) {
                ip(ns, "addr", "add", "198.18.50.1/24", "dev", "jbr0");
                assertTrue(inHandler.await(5, TimeUnit.SECONDS), "no change seen");
                check(exec(ns, "ip", "-batch", batch.toString()));
                release.countDown();
                Host all = await(changes, h -> h.isLocal(a("198.18.60.200")) && h.isLocal(a("198.18.60.1")),
                        "with all 200 addresses");
                assertTrue(all.isLocal(a("198.18.50.1")));
                assertTrue(live.lostNotifications() >= 1, "the socket of 4 KiB did not overflow: the test proves nothing");
                assertEquals(asIpPrintsIt(ns), live.currentConfig());
            }
        } finally {
            release.countDown();
            Files.deleteIfExists(batch);
        }
    }
}
