package cn.xueshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * The calendar upload limit is configuration (xueshi.calendar.max-upload): a small configured limit refuses a file
 * just above it with the Chinese message naming that limit, and an impossible limit stops the start.
 */
@org.junit.jupiter.api.Tag("no-database")
class CalendarUploadLimitTest {

    static final DataSize MULTIPART = DataSize.ofMegabytes(64);

    ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/calendar");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void aSmallConfiguredLimitRefusesTheFileAboveItWithTheLimitInTheMessage() {
        HolidayYears years = Mockito.mock(HolidayYears.class);
        Mockito.when(years.all()).thenReturn(List.of());
        CalendarAdminController controller = new CalendarAdminController(years, DataSize.ofBytes(512), MULTIPART);
        CalendarUploadForm form = new CalendarUploadForm();
        form.setYear(2031);
        form.setFile(new MockMultipartFile("file", "big.json", "application/json", " ".repeat(513).getBytes()));
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(form, "uploadForm");
        ExtendedModelMap model = new ExtendedModelMap();

        String view = controller.upload(form, result, model, new TestingAuthenticationToken("admin", ""),
                new RedirectAttributesModelMap());

        assertThat(view).isEqualTo(CalendarAdminController.LIST_VIEW);
        assertThat(messages().getMessage(result.getFieldError("file"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("文件过大，最大 512 B。");
        assertThat(model.get("maxUpload")).isEqualTo("512 B");
        Mockito.verify(years, Mockito.never()).upload(Mockito.anyInt(), Mockito.anyString(), Mockito.anyString());

        // exactly at the limit passes the size check (and reaches the calendar)
        form.setFile(new MockMultipartFile("file", "ok.json", "application/json", " ".repeat(512).getBytes()));
        BeanPropertyBindingResult atLimit = new BeanPropertyBindingResult(form, "uploadForm");
        controller.upload(form, atLimit, new ExtendedModelMap(), new TestingAuthenticationToken("admin", ""),
                new RedirectAttributesModelMap());
        assertThat(atLimit.hasErrors()).isFalse();
        Mockito.verify(years).upload(Mockito.eq(2031), Mockito.anyString(), Mockito.eq("admin"));
    }

    @Test
    void theLimitIsShownInTheLargestWholeUnit() {
        assertThat(CalendarAdminController.shown(DataSize.ofKilobytes(100))).isEqualTo("100 KB");
        assertThat(CalendarAdminController.shown(DataSize.ofMegabytes(2))).isEqualTo("2 MB");
        assertThat(CalendarAdminController.shown(DataSize.ofBytes(1536))).isEqualTo("1536 B");
    }

    @Test
    void anImpossibleLimitStopsTheStart() {
        HolidayYears years = Mockito.mock(HolidayYears.class);
        assertThatThrownBy(() -> new CalendarAdminController(years, DataSize.ofBytes(0), MULTIPART))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("xueshi.calendar.max-upload");
        assertThatThrownBy(() -> new CalendarAdminController(years, DataSize.ofMegabytes(65), MULTIPART))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("max-file-size");
        assertThat(new CalendarAdminController(years, MULTIPART, MULTIPART)).isNotNull();
    }
}
