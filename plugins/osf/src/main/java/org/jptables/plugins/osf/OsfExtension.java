package org.jptables.plugins.osf;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * {@code -m osf [!] --genre NAME [--ttl LEVEL] [--log LEVEL]} (xt_osf with nfnetlink_osf): passive
 * OS fingerprinting. A TCP SYN is compared with the fingerprints the host has loaded
 * ({@code nfnl_osf -f pf.os}; conf/host.yaml's {@code osf}): its window, TTL, DF flag, size and TCP
 * option layout. Like xt_osf, only in PREROUTING, INPUT and FORWARD, and only with {@code -p tcp}.
 */
@org.pf4j.Extension
public final class OsfExtension implements MatchExtension {
    static final String HELP = "OS fingerprint match options:\n"
            + "[!] --genre string     Match a OS genre by passive fingerprinting.\n"
            + "--ttl level            Use some TTL check extensions to determine OS:\n"
            + "       0                       true ip and fingerprint TTL comparison. Works for LAN.\n"
            + "       1                       check if ip TTL is less than fingerprint one. Works for global addresses.\n"
            + "       2                       do not compare TTL at all. This allows NMAP detection, but can produce"
            + " false results.\n"
            + "--log level            Log determined genres into dmesg even if they do not match desired one:\n"
            + "       0                       log all matched or unknown signatures.\n"
            + "       1                       log only first one.\n"
            + "       2                       log all known matched signatures.\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--genre").invertible().mandatory(),
            Option.withArgument("--ttl"),
            Option.withArgument("--log"));

    /** xt_osf's .hooks: LOCAL_IN, PRE_ROUTING and FORWARD, in every table. */
    private static final Placement PLACEMENT = Placement.hooks(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD);

    @Override
    public String name() {
        return "osf";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public Placement placement() {
        return PLACEMENT;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new OsfMatchBuilder(rule);
    }
}
