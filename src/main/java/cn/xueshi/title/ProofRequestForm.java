package cn.xueshi.title;

/** The employee's request for a proof: the application year, as typed, and the form's submission key. */
public class ProofRequestForm {

    private String year;
    private String submissionKey;

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
