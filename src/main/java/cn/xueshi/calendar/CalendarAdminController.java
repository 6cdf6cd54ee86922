package cn.xueshi.calendar;

import jakarta.validation.Valid;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 工作日历 for administrators (the /admin/** routes are camunda-admin only): the years, one year, uploads. */
@Controller
@RequestMapping("/admin/calendar")
class CalendarAdminController {

    static final String LIST_VIEW = "calendar/years";
    static final String YEAR_VIEW = "calendar/year";

    private final HolidayYears years;
    /** xueshi.calendar.max-upload: a year's calendar is a few KB; the limit keeps a pasted blob out. */
    private final long maxFileBytes;
    /** The limit as the page and the refusal show it ("100 KB", "2 MB", "512 B"). */
    private final String maxFileSize;

    /**
     * Refuses to start with a limit of nothing, or one above the request's multipart limit: a file between the two
     * would be refused by the servlet container with an error page instead of this form's message.
     */
    CalendarAdminController(HolidayYears years,
            @Value("${xueshi.calendar.max-upload:100KB}") DataSize maxUpload,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize multipartMax) {
        if (maxUpload.toBytes() <= 0 || maxUpload.toBytes() > multipartMax.toBytes()) {
            throw new IllegalStateException("xueshi.calendar.max-upload must be above 0 and at most"
                    + " spring.servlet.multipart.max-file-size (" + multipartMax + "), is " + maxUpload);
        }
        this.years = years;
        this.maxFileBytes = maxUpload.toBytes();
        this.maxFileSize = shown(maxUpload);
    }

    /** In the largest unit that keeps it whole, so a limit of 1536 bytes reads "1536 B", not a rounded "1 KB". */
    static String shown(DataSize size) {
        return cn.xueshi.system.ByteLimit.shown(size);
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("uploadForm", new CalendarUploadForm());
        return showList(model);
    }

    @PostMapping
    String upload(@Valid @ModelAttribute("uploadForm") CalendarUploadForm form, BindingResult result, Model model,
            Authentication user, RedirectAttributes redirect) {
        String content = result.hasFieldErrors("year") ? null : read(form.getFile(), result);
        if (content != null) {
            try {
                years.upload(form.getYear(), content, user.getName());
            } catch (InvalidHolidayFile e) {
                result.rejectValue("file", e.getCode(), e.getArgs(), e.getCode());
            }
        }
        if (result.hasErrors()) {
            return showList(model);
        }
        redirect.addFlashAttribute("message", "calendar.upload.saved");
        redirect.addFlashAttribute("messageArg", form.getYear());
        return "redirect:/admin/calendar";
    }

    @GetMapping("/{year}")
    String year(@PathVariable int year, Model model) {
        checkRange(year);
        Optional<CalendarYear> entry = years.forYear(year);
        model.addAttribute("year", year);
        model.addAttribute("entry", entry.orElse(null));
        model.addAttribute("weekdays", Arrays.asList(DayOfWeek.values()));
        model.addAttribute("months", MonthGrid.year(year, entry.map(CalendarYear::data)));
        model.addAttribute("festivals", entry.map(e -> FestivalRow.of(e.data())).orElse(java.util.List.of()));
        return YEAR_VIEW;
    }

    @PostMapping("/{year}/revert")
    String revert(@PathVariable int year, RedirectAttributes redirect) {
        checkRange(year);
        years.revert(year);
        redirect.addFlashAttribute("message", "calendar.reverted");
        redirect.addFlashAttribute("messageArg", year);
        return "redirect:/admin/calendar";
    }

    private String showList(Model model) {
        model.addAttribute("years", years.all());
        model.addAttribute("maxUpload", maxFileSize);
        return LIST_VIEW;
    }

    /** The file's text, or null with the reason on the file field: missing, too large, not UTF-8. */
    private String read(MultipartFile file, BindingResult result) {
        if (file == null || file.isEmpty()) {
            result.rejectValue("file", "calendar.upload.error.noFile");
            return null;
        }
        if (file.getSize() > maxFileBytes) {
            result.rejectValue("file", "calendar.upload.error.tooLarge", new Object[] {maxFileSize}, null);
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.getBytes())).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            result.rejectValue("file", "calendar.upload.error.encoding");
            return null;
        } catch (IOException e) {
            result.rejectValue("file", "calendar.upload.error.noFile");
            return null;
        }
    }

    private static void checkRange(int year) {
        if (year < HolidayFile.MIN_YEAR || year > HolidayFile.MAX_YEAR) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
