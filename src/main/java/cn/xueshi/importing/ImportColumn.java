package cn.xueshi.importing;

/**
 * A column of an import template: its JSON key ({@code userId}, {@code item.activityType}; {@code item.params} is a
 * "name=value; name=value" list of the item's parameters) and the message key of its Chinese header.
 */
public record ImportColumn(String key, String labelKey, boolean required) {
}
