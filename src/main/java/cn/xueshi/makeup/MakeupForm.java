package cn.xueshi.makeup;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** The hardship request form (补学/减免申请) as typed. */
public class MakeupForm {

    private String submissionKey;
    private Integer year;
    private MakeupRequest.Reason reason;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate periodStart;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate periodEnd;
    private String description;
    private MakeupRequest.Remedy remedy;
    private BigDecimal requestedPublic;
    private BigDecimal requestedProfessional;
    /** Carries errors about the uploaded files to the upload field. */
    private String evidence;

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

    public MakeupRequest.Reason getReason() {
        return reason;
    }

    public void setReason(MakeupRequest.Reason reason) {
        this.reason = reason;
    }

    public LocalDate getPeriodStart() {
        return periodStart;
    }

    public void setPeriodStart(LocalDate periodStart) {
        this.periodStart = periodStart;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public void setPeriodEnd(LocalDate periodEnd) {
        this.periodEnd = periodEnd;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public MakeupRequest.Remedy getRemedy() {
        return remedy;
    }

    public void setRemedy(MakeupRequest.Remedy remedy) {
        this.remedy = remedy;
    }

    public BigDecimal getRequestedPublic() {
        return requestedPublic;
    }

    public void setRequestedPublic(BigDecimal requestedPublic) {
        this.requestedPublic = requestedPublic;
    }

    public BigDecimal getRequestedProfessional() {
        return requestedProfessional;
    }

    public void setRequestedProfessional(BigDecimal requestedProfessional) {
        this.requestedProfessional = requestedProfessional;
    }

    public String getEvidence() {
        return evidence;
    }

    public void setEvidence(String evidence) {
        this.evidence = evidence;
    }
}
