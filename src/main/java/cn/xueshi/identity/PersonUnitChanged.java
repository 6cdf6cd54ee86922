package cn.xueshi.identity;

/**
 * A person's current unit (xs_person) changed: set up, assigned or moved (人员流动). Published by {@link Directory}
 * inside the transaction of the change, so listeners (the dashboard's rollups) act in that transaction too.
 *
 * @param fromUnit the unit the person left; null when they had none
 */
public record PersonUnitChanged(String userId, Long fromUnit, long toUnit) {
}
