package org.jptables.plugins.tproxy;

import java.util.List;
import org.jptables.api.InetAton;
import org.jptables.api.MarkValue;
import org.jptables.api.ResolvedPorts;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads TPROXY's options as libxt_TPROXY does: {@code --on-port} a port or service as getaddrinfo
 * resolves it (XTTYPE_PORT: 65536 is port 0), {@code --on-ip} an address or host name,
 * {@code --tproxy-mark} a value with an optional mask (no mask given: all ones; none given: 0/0).
 * tproxy_tg4_check then refuses a rule that is not {@code -p tcp} or {@code -p udp}.
 */
final class TproxyBuilder implements TargetBuilder {
    private final RuleContext rule;
    private int port = -1;
    private int address;
    private int markValue;
    private int markMask;

    TproxyBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        switch (option) {
            case "--on-port" -> {
                port = ResolvedPorts.resolve(arg, rule.names());
                if (port < 0) {
                    throw new RuleException("Port \"" + arg + "\" does not resolve to anything.\n");
                }
            }
            case "--on-ip" -> address = InetAton.resolve(arg, rule.names());
            default -> {
                MarkValue mark = MarkValue.parseWithMask("TPROXY", option, arg);
                markValue = mark.value();
                markMask = mark.mask();
            }
        }
    }

    @Override
    public Target build() throws RuleException {
        if (port < 0) {
            throw new RuleException("TPROXY: option \"--on-port\" must be specified\n");
        }
        int protocol = rule.protocol();
        if (protocol != 6 && protocol != 17 || rule.protocolInverted()) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new TproxyTarget(port, address, markValue, markMask);
    }
}
