package io.quarkiverse.restclient.verify.trust.revocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.rules.StrictTrustManager;

/**
 * A client's checks after the chain is accepted: revocation, pins and strict mode, and the properties they come
 * from (for messages).
 *
 * @param mode how revocation is checked
 * @param modeProperty the property that set the mode, as the user writes it (the client's {@code verify-revocation})
 * @param crls the CRL files, reloaded when they change; empty when none are configured
 * @param crlProperty the property that names the CRL files
 * @param pins the public key pins; {@link SpkiPins#none()} when none are configured
 * @param pinsProperty the property that sets the pins
 * @param responders the network look-ups of {@code soft-fail} and {@code hard-fail}; empty for the other modes
 * @param strictProperty the property that turned strict mode on ({@code verify-strict}); empty when it is off
 */
public record RevocationPolicy(RevocationMode mode, String modeProperty, Optional<Reloadable<CrlSet>> crls,
        String crlProperty, SpkiPins pins, String pinsProperty, Optional<RevocationResponders> responders,
        Optional<String> strictProperty) {

    /** Revocation and pins without strict mode. */
    public RevocationPolicy(RevocationMode mode, String modeProperty, Optional<Reloadable<CrlSet>> crls,
            String crlProperty, SpkiPins pins, String pinsProperty, Optional<RevocationResponders> responders) {
        this(mode, modeProperty, crls, crlProperty, pins, pinsProperty, responders, Optional.empty());
    }

    /** These checks with strict mode turned on by this property, or off when empty. */
    public RevocationPolicy withStrict(Optional<String> property) {
        return new RevocationPolicy(mode, modeProperty, crls, crlProperty, pins, pinsProperty, responders, property);
    }

    /** Whether strict mode judges the validated path ({@link StrictTrustManager}). */
    public boolean strict() {
        return strictProperty.isPresent();
    }

    /** No revocation checks and no pins, named by the bare property names: nothing that is off names them. */
    public static RevocationPolicy off() {
        return off("verify-revocation", "verify-crl", "verify-pins");
    }

    /** No revocation checks and no pins, from these properties as the user writes them. */
    public static RevocationPolicy off(String modeProperty, String crlProperty, String pinsProperty) {
        return new RevocationPolicy(RevocationMode.OFF, modeProperty, Optional.empty(), crlProperty, SpkiPins.none(),
                pinsProperty, Optional.empty());
    }

    /** Whether there is no revocation check and no pin (strict mode is a layer of its own). */
    public boolean inactive() {
        return mode == RevocationMode.OFF && crls.isEmpty() && pins.isEmpty();
    }

    /**
     * For people: {@code revocation stapled and checked against CRL file /certs/crl.pem (1 CRL), 2 pins}; with CRL files
     * and no look-ups, {@code revocation checked against CRL file ... only, no responders asked}, so that "off" never
     * reads as if the CRL files were ignored.
     */
    public String description() {
        List<String> parts = new ArrayList<>();
        if (crls.isEmpty()) {
            parts.add("revocation " + mode.configValue());
        } else if (mode == RevocationMode.OFF) {
            parts.add("revocation checked against " + crls.get().current().description() + " only, no responders asked");
        } else {
            parts.add("revocation " + mode.configValue() + " and checked against " + crls.get().current().description());
        }
        if (!pins.isEmpty()) {
            parts.add(pins.values().size() == 1 ? "1 pin" : pins.values().size() + " pins");
        }
        return String.join(", ", parts);
    }
}
