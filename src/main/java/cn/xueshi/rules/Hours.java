package cn.xueshi.rules;

import java.math.BigDecimal;

/**
 * Hours by subject, the pair every requirement and total is made of: public (公需科目) and professional
 * (专业科目) hours. Null parts are zero. Unrounded unless the producer rounded them.
 */
public record Hours(BigDecimal publicHours, BigDecimal professionalHours) {

    public static final Hours ZERO = new Hours(BigDecimal.ZERO, BigDecimal.ZERO);

    public Hours {
        publicHours = publicHours == null ? BigDecimal.ZERO : publicHours;
        professionalHours = professionalHours == null ? BigDecimal.ZERO : professionalHours;
    }

    public static Hours ofPublic(BigDecimal hours) {
        return new Hours(hours, BigDecimal.ZERO);
    }

    public static Hours ofProfessional(BigDecimal hours) {
        return new Hours(BigDecimal.ZERO, hours);
    }

    public BigDecimal total() {
        return publicHours.add(professionalHours);
    }

    public boolean isZero() {
        return publicHours.signum() == 0 && professionalHours.signum() == 0;
    }
}
