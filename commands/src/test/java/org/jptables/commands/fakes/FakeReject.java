package org.jptables.commands.fakes;

import java.util.EnumSet;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;
import org.jptables.api.Verdict;
import org.pf4j.Extension;

/** {@code -j FAKEREJECT}: asks for an ICMP port unreachable and drops. filter table only, to test placement. */
@Extension
public final class FakeReject implements TargetExtension {
    @Override
    public String name() {
        return "FAKEREJECT";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public String help() {
        return "";
    }

    @Override
    public Placement placement() {
        return new Placement("filter", EnumSet.allOf(Hook.class));
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TargetBuilder() {
            @Override
            public void option(String option, List<String> args, boolean inverted) {
            }

            @Override
            public Target build() {
                return packet -> {
                    packet.reject(3);
                    return Verdict.DROP;
                };
            }
        };
    }
}
