package cn.xueshi.claim;

/** A second annual declaration for a year that allows only one (Anhui art. 21.3). */
public class AlreadyDeclared extends RuntimeException {

    private final int year;

    public AlreadyDeclared(int year) {
        super("already declared " + year);
        this.year = year;
    }

    public int year() {
        return year;
    }
}
