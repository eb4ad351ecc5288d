package org.jptables.commands.fakes;

import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Packet;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.RuleHeader;
import org.pf4j.Extension;

/** A minimal header match for kernel tests: {@code -p NUMBER} and {@code -s ADDRESS} (a /32). */
@Extension
public final class FakeHeader implements MatchExtension {
    @Override
    public String name() {
        return "fake-header";
    }

    @Override
    public boolean implicit() {
        return true;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.withArgument("-p").invertible(), Option.withArgument("-s").invertible());
    }

    @Override
    public String help() {
        return "";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            int protocol;
            boolean protocolInverted;
            int source;
            int mask;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                if (option.equals("-p")) {
                    String p = args.get(0);
                    protocol = Character.isDigit(p.charAt(0)) ? Integer.parseInt(p) : rule.names().protocolNumber(p);
                    protocolInverted = inverted;
                    rule.declareProtocol(protocol, inverted);
                } else {
                    source = Addresses.parse(args.get(0).replace("/32", ""));
                    mask = -1;
                }
            }

            @Override
            public Match build() {
                int p = protocol;
                boolean inv = protocolInverted;
                int s = source;
                int m = mask;
                return new Match() {
                    @Override
                    public boolean matches(Packet packet) {
                        return (p == 0 || (packet.protocol() == p) != inv) && (packet.source() & m) == s;
                    }

                    @Override
                    public void describe(RuleHeader header) {
                        header.protocol(p, inv);
                        header.source(s, m, false);
                    }
                };
            }
        };
    }
}
