package cn.xueshi.ruleedit;

import java.math.BigDecimal;
import java.util.List;

/**
 * 影响预览 over people: the approved claim items of a year of some units' members, priced by the rules in force
 * and by a draft, person by person: public and professional hours before → after (after annual caps and the
 * aggregation, as the year view counts them), and whether the year's requirement is met before → after.
 */
public record MemberImpact(int year, String ruleSetBefore, String ruleSetAfter, List<Person> people, int failedItems) {

    /** One member with approved items in the year. */
    public record Person(String userId, String name, String unit, BigDecimal publicBefore, BigDecimal publicAfter,
            BigDecimal professionalBefore, BigDecimal professionalAfter, BigDecimal totalBefore, BigDecimal totalAfter,
            boolean compliantBefore, boolean compliantAfter) {

        public boolean affected() {
            return publicBefore.compareTo(publicAfter) != 0 || professionalBefore.compareTo(professionalAfter) != 0
                    || totalBefore.compareTo(totalAfter) != 0 || compliantBefore != compliantAfter;
        }

        public boolean complianceChanged() {
            return compliantBefore != compliantAfter;
        }
    }

    public List<Person> affectedPeople() {
        return people.stream().filter(Person::affected).toList();
    }

    public long affected() {
        return people.stream().filter(Person::affected).count();
    }

    public long complianceChanged() {
        return people.stream().filter(Person::complianceChanged).count();
    }

    public BigDecimal publicBefore() {
        return people.stream().map(Person::publicBefore).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal publicAfter() {
        return people.stream().map(Person::publicAfter).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal professionalBefore() {
        return people.stream().map(Person::professionalBefore).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal professionalAfter() {
        return people.stream().map(Person::professionalAfter).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
