package cn.xueshi.title;

/** The employee's request for a proof: the application year and date, as typed, and the form's submission key. */
public class ProofRequestForm {

    private String year;
    private String submissionKey;
    /** 职称申报日期 as typed (yyyy-MM-dd, optional). */
    private String applicationDate;

    public String getApplicationDate() {
        return applicationDate;
    }

    public void setApplicationDate(String applicationDate) {
        this.applicationDate = applicationDate;
    }

    public String getYear() {
        return year;
    }

    public void setYear(String year) {
        this.year = year;
    }

    public String getSubmissionKey() {
        return submissionKey;
    }

    public void setSubmissionKey(String submissionKey) {
        this.submissionKey = submissionKey;
    }
}
