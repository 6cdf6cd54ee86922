package cn.xueshi.title;

/**
 * The title-check page's form, as typed (strings, so a wrong value is shown back beside its field):
 * 申报年度, 取得现职称年份 (optional), and for NAMED rule sets the years the application names ("2024,2025").
 */
public class TitleCheckForm {

    private String year;
    private String titleYear;
    private String years;

    public String getYear() {
        return year;
    }

    public void setYear(String year) {
        this.year = year;
    }

    public String getTitleYear() {
        return titleYear;
    }

    public void setTitleYear(String titleYear) {
        this.titleYear = titleYear;
    }

    public String getYears() {
        return years;
    }

    public void setYears(String years) {
        this.years = years;
    }
}
