package cn.xueshi.calendar;

import java.util.Arrays;

/** A holiday file that is not well-formed; {@code code} is a message key (calendar_*.properties) with its arguments. */
public class InvalidHolidayFile extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    InvalidHolidayFile(String code, Object... args) {
        super(code + " " + Arrays.toString(args));
        this.code = code;
        this.args = args;
    }

    public String getCode() {
        return code;
    }

    public Object[] getArgs() {
        return args.clone();
    }
}
