package org.jptables.language.listing;

import java.util.List;
import org.jptables.api.RuleHeader;
import org.jptables.kernel.model.MatchUse;

/** A rule's {@code struct ipt_ip}, gathered from its implicit matches for rendering. */
public final class HeaderFields implements RuleHeader {
    int protocol;
    boolean protocolInverted;
    int source;
    int sourceMask;
    boolean sourceInverted;
    int destination;
    int destinationMask;
    boolean destinationInverted;
    String in = "";
    boolean inInverted;
    String out = "";
    boolean outInverted;
    boolean fragment;
    boolean fragmentInverted;

    public static HeaderFields of(List<MatchUse> uses) {
        HeaderFields h = new HeaderFields();
        for (MatchUse u : uses) {
            if (u.extension().implicit()) {
                u.match().describe(h);
            }
        }
        return h;
    }

    @Override
    public void protocol(int number, boolean inverted) {
        protocol = number;
        protocolInverted = inverted;
    }

    @Override
    public void source(int address, int mask, boolean inverted) {
        source = address;
        sourceMask = mask;
        sourceInverted = inverted;
    }

    @Override
    public void destination(int address, int mask, boolean inverted) {
        destination = address;
        destinationMask = mask;
        destinationInverted = inverted;
    }

    @Override
    public void inInterface(String name, boolean inverted) {
        in = name;
        inInverted = inverted;
    }

    @Override
    public void outInterface(String name, boolean inverted) {
        out = name;
        outInverted = inverted;
    }

    @Override
    public void fragment(boolean inverted) {
        fragment = true;
        fragmentInverted = inverted;
    }
}
