package cn.xueshi.selfstudy;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** 建立自学档案: from which date the unit keeps the archive, a note, and the version of the archive the page showed. */
public class EstablishForm {

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate establishedFrom;
    private String note;
    private Integer version;

    public LocalDate getEstablishedFrom() {
        return establishedFrom;
    }

    public void setEstablishedFrom(LocalDate establishedFrom) {
        this.establishedFrom = establishedFrom;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }
}
