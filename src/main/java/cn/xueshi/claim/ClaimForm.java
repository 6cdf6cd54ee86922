package cn.xueshi.claim;

import java.util.ArrayList;
import java.util.List;

/** The new-claim and correction form: year, the activities, a description, and the truthfulness pledge (承诺). */
public class ClaimForm {

    /** Issued with the form; a second POST with the same key (a double click) finds the first claim. */
    private String submissionKey;
    private Integer year;
    private String description;
    private boolean pledge;
    private List<ItemForm> items = new ArrayList<>();
    /** 补学: the earlier year this claim makes up for (its own year − 1), or null. */
    private Integer makeupForYear;

    public Integer getMakeupForYear() {
        return makeupForYear;
    }

    public void setMakeupForYear(Integer makeupForYear) {
        this.makeupForYear = makeupForYear;
    }

    /** Pending evidence files the person chose to drop before submitting. */
    private List<Long> removeEvidence = new ArrayList<>();
    /** Carries errors about the uploaded files to the upload field. */
    private String evidence;

    public List<Long> getRemoveEvidence() {
        return removeEvidence;
    }

    public void setRemoveEvidence(List<Long> removeEvidence) {
        this.removeEvidence = removeEvidence;
    }

    public String getEvidence() {
        return evidence;
    }

    public void setEvidence(String evidence) {
        this.evidence = evidence;
    }

    public String getSubmissionKey() {
        return submissionKey;
    }

    public void setSubmissionKey(String submissionKey) {
        this.submissionKey = submissionKey;
    }

    public Integer getYear() {
        return year;
    }

    public void setYear(Integer year) {
        this.year = year;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isPledge() {
        return pledge;
    }

    public void setPledge(boolean pledge) {
        this.pledge = pledge;
    }

    public List<ItemForm> getItems() {
        return items;
    }

    public void setItems(List<ItemForm> items) {
        this.items = items;
    }
}
