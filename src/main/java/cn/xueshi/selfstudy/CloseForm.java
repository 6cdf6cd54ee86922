package cn.xueshi.selfstudy;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** 停止自学档案: from which date the unit no longer keeps it, and the version of the archive the page showed. */
public class CloseForm {

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate closedFrom;
    private Integer version;

    public LocalDate getClosedFrom() {
        return closedFrom;
    }

    public void setClosedFrom(LocalDate closedFrom) {
        this.closedFrom = closedFrom;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }
}
