package cn.xueshi.claim;

import java.math.BigDecimal;

/**
 * What hardship requests (补学/减免) change about a person's year: a lowered requirement and whether
 * claims of the following year may count for it. Implemented by the make-up capability.
 */
public interface HardshipAdjustments {

    /** Hours taken off the requirement of {@code year} by approved reductions. */
    record Reduction(BigDecimal publicHours, BigDecimal professionalHours) {

        public static final Reduction NONE = new Reduction(BigDecimal.ZERO, BigDecimal.ZERO);

        public boolean any() {
            return publicHours.signum() > 0 || professionalHours.signum() > 0;
        }

        public BigDecimal total() {
            return publicHours.add(professionalHours);
        }
    }

    Reduction reduction(String claimant, int year);

    /** Whether the person has an open make-up obligation for {@code year}. */
    boolean openMakeup(String claimant, int year);
}
