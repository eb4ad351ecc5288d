package org.jptables.plugins.tee;

import java.net.InetAddress;
import java.util.List;
import org.jptables.api.InetAton;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * libxt_TEE's options: the gateway a host (an IPv4 address in any form getaddrinfo reads, or a
 * name of the host's database), the device a string cut to the kernel's 15 characters (an empty
 * one is none). xt_TEE's checkentry refuses the gateway 0.0.0.0.
 */
final class TeeBuilder implements TargetBuilder {
    /** struct xt_tee_tginfo's oif is char[16]: 15 characters and the NUL. */
    private static final int DEVICE_MAX = 15;

    private final RuleContext rule;
    private int gateway;
    private boolean hasGateway;
    private String device;

    TeeBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        if (option.equals("--gateway")) {
            if (InetAton.parse(arg) < 0 && isIpv6Literal(arg)) {
                // getaddrinfo asked for AF_INET only: an IPv6 address is of the wrong family
                throw new RuleException("getaddrinfo: Address family for hostname not supported\n");
            }
            gateway = InetAton.resolve(arg, rule.names());
            hasGateway = true;
        } else {
            device = arg.isEmpty() ? null : arg.length() > DEVICE_MAX ? arg.substring(0, DEVICE_MAX) : arg;
        }
    }

    private static boolean isIpv6Literal(String text) {
        if (text.indexOf(':') < 0) {
            return false;
        }
        try {
            InetAddress.ofLiteral(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public Target build() throws RuleException {
        if (!hasGateway) {
            throw new RuleException("TEE: option \"--gateway\" must be specified\n");
        }
        if (gateway == 0) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new TeeTarget(gateway, device);
    }
}
