package org.jptables.kernel.classify;

/**
 * One declared constraint, compiled into a test on a {@link PacketKey}: the classifier runs a
 * rule's checks before calling its matches, and skips the rule when one fails. The variants are
 * the kinds of {@link org.jptables.api.Constraints}; each carries its inversion.
 */
abstract sealed class Check {
    final boolean inverted;

    Check(boolean inverted) {
        this.inverted = inverted;
    }

    /** Whether the constraint, inversion included, lets the packet through. */
    abstract boolean admits(PacketKey key);

    static final class Masked extends Check {
        private final KeyField field;
        private final int value;
        private final int mask;

        Masked(KeyField field, int value, int mask, boolean inverted) {
            super(inverted);
            this.field = field;
            this.value = value;
            this.mask = mask;
        }

        @Override
        boolean admits(PacketKey key) {
            int address = field == KeyField.SOURCE ? key.source : key.destination;
            return ((address & mask) == value) != inverted;
        }
    }

    static final class AddressRange extends Check {
        private final KeyField field;
        private final int first;
        private final int last;

        AddressRange(KeyField field, int first, int last, boolean inverted) {
            super(inverted);
            this.field = field;
            this.first = first;
            this.last = last;
        }

        @Override
        boolean admits(PacketKey key) {
            int address = field == KeyField.SOURCE ? key.source : key.destination;
            boolean inside = Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
            return inside != inverted;
        }
    }

    static final class Random extends Check {
        private final int threshold;

        Random(long threshold, boolean inverted) {
            super(inverted);
            this.threshold = (int) threshold;
        }

        @Override
        boolean admits(PacketKey key) {
            return (Integer.compareUnsigned(key.random31(), threshold) < 0) != inverted;
        }
    }

    static final class Protocol extends Check {
        private final int number;

        Protocol(int number, boolean inverted) {
            super(inverted);
            this.number = number;
        }

        @Override
        boolean admits(PacketKey key) {
            return (key.protocol == number) != inverted;
        }
    }

    /** Port ranges: a packet without ports is in none of them. */
    static final class Ports extends Check {
        private final boolean source;
        private final int[] ranges;

        Ports(boolean source, int[] ranges, boolean inverted) {
            super(inverted);
            this.source = source;
            this.ranges = ranges.clone();
        }

        @Override
        boolean admits(PacketKey key) {
            int port = source ? key.sourcePort : key.destinationPort;
            boolean inside = false;
            if (port >= 0) {
                for (int i = 0; i < ranges.length; i += 2) {
                    if (port >= ranges[i] && port <= ranges[i + 1]) {
                        inside = true;
                        break;
                    }
                }
            }
            return inside != inverted;
        }
    }

    static final class Mark extends Check {
        private final long value;
        private final long mask;

        Mark(long value, long mask, boolean inverted) {
            super(inverted);
            this.value = value;
            this.mask = mask;
        }

        @Override
        boolean admits(PacketKey key) {
            return (((key.mark & 0xFFFFFFFFL) & mask) == value) != inverted;
        }
    }

    static final class State extends Check {
        private final int states;

        State(int states, boolean inverted) {
            super(inverted);
            this.states = states;
        }

        @Override
        boolean admits(PacketKey key) {
            return ((key.ctState & states) != 0) != inverted;
        }
    }

    /** The kernel's masked name compare: a prefix for a {@code +} wildcard, else the whole name. */
    static final class Interface extends Check {
        private final boolean input;
        private final String name;
        private final boolean prefix;

        Interface(boolean input, String name, boolean prefix, boolean inverted) {
            super(inverted);
            this.input = input;
            this.name = name;
            this.prefix = prefix;
        }

        @Override
        boolean admits(PacketKey key) {
            String device = input ? key.in : key.out;
            if (device == null) {
                device = "";
            }
            boolean same = prefix ? device.startsWith(name) : device.equals(name);
            return same != inverted;
        }
    }
}
