package cn.xueshi.calendar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.multipart.MultipartFile;

/** The upload form on the calendar page: which year, and that year's holiday file. */
public class CalendarUploadForm {

    @NotNull(message = "{calendar.upload.error.year}")
    @Min(value = HolidayFile.MIN_YEAR, message = "{calendar.upload.error.year}")
    @Max(value = HolidayFile.MAX_YEAR, message = "{calendar.upload.error.year}")
    private Integer year;

    private MultipartFile file;

    public Integer getYear() {
        return year;
    }

    public void setYear(Integer year) {
        this.year = year;
    }

    public MultipartFile getFile() {
        return file;
    }

    public void setFile(MultipartFile file) {
        this.file = file;
    }
}
