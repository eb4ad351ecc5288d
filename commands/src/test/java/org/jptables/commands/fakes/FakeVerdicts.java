package org.jptables.commands.fakes;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;
import org.jptables.api.Verdict;
import org.pf4j.Extension;

/** ACCEPT, DROP and RETURN for kernel tests. */
public final class FakeVerdicts {
    private FakeVerdicts() {
    }

    abstract static class Standard implements TargetExtension {
        private final String name;
        private final int verdict;

        Standard(String name, int verdict) {
            this.name = name;
            this.verdict = verdict;
        }

        @Override
        public String name() {
            return name;
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
        public TargetBuilder newBuilder(RuleContext rule) {
            return new TargetBuilder() {
                @Override
                public void option(String option, List<String> args, boolean inverted) {
                }

                @Override
                public Target build() {
                    return packet -> verdict;
                }
            };
        }
    }

    @Extension
    public static final class Accept extends Standard {
        public Accept() {
            super("ACCEPT", Verdict.ACCEPT);
        }
    }

    @Extension
    public static final class Drop extends Standard {
        public Drop() {
            super("DROP", Verdict.DROP);
        }
    }

    @Extension
    public static final class Return extends Standard {
        public Return() {
            super("RETURN", Verdict.RETURN);
        }
    }
}
