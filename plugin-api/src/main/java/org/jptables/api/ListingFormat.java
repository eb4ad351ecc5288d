package org.jptables.api;

/**
 * How a rule is being listed with {@code -L}: numeric ({@code -n}) or with names.
 *
 * @param numeric whether ports, addresses and protocols stay numbers
 * @param names   the name databases, for listings without {@code -n}
 */
public record ListingFormat(boolean numeric, Names names) {
}
