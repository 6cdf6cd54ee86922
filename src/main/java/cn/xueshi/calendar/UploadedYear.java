package cn.xueshi.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A holiday file an administrator uploaded for a year; it overrides the file shipped with the application. */
@Entity
@Table(name = "xs_calendar_year")
class UploadedYear {

    @Id
    @Column(name = "calendar_year")
    private Integer year;

    /** The JSON text as uploaded (checked by {@link HolidayFile} before it is saved). */
    @Column(nullable = false)
    private String content;

    @Column(name = "uploaded_by", nullable = false)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    protected UploadedYear() {
    }

    UploadedYear(int year, String content, String uploadedBy, Instant uploadedAt) {
        this.year = year;
        replace(content, uploadedBy, uploadedAt);
    }

    final void replace(String content, String uploadedBy, Instant uploadedAt) {
        this.content = content;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    int getYear() {
        return year;
    }

    String getContent() {
        return content;
    }

    String getUploadedBy() {
        return uploadedBy;
    }

    Instant getUploadedAt() {
        return uploadedAt;
    }
}
