package org.jptables.kernel.model;

/**
 * A form another layer derives from a chain's rules (the compiled classifier). When the chain's
 * rules change, the chain retires the form it held, so that whoever linked to the form directly
 * (a jumping rule's compiled form, which skips the chain on the way) knows to derive it again.
 */
public interface DerivedForm {
    /** The chain's rules changed: this form no longer describes them. */
    void retire();
}
