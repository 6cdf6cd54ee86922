package cn.xueshi.document;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.identity.Unit;
import cn.xueshi.system.RequestLimits;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Downloads: the employee's own 登记表 and certificate; a unit's summary and members' 登记表 for its reviewers and bureau. */
@Controller
@RequestMapping("/documents")
class DocumentController {

    static final String VIEW = "document/documents";
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CurrentUserService currentUsers;
    private final DocumentAccess access;
    private final YearRecords records;
    private final RegistrationFormXlsx registrationForm;
    private final UnitSummaryXlsx unitSummary;
    private final Certificates certificates;
    private final CertificatePdf certificatePdf;
    private final RequestLimits limits;

    DocumentController(CurrentUserService currentUsers, DocumentAccess access, YearRecords records,
            RegistrationFormXlsx registrationForm, UnitSummaryXlsx unitSummary, Certificates certificates,
            CertificatePdf certificatePdf, RequestLimits limits) {
        this.limits = limits;
        this.currentUsers = currentUsers;
        this.access = access;
        this.records = records;
        this.registrationForm = registrationForm;
        this.unitSummary = unitSummary;
        this.certificates = certificates;
        this.certificatePdf = certificatePdf;
    }

    @GetMapping
    String page(@RequestParam(required = false) Integer year, Model model) {
        CurrentUser me = currentUsers.current();
        int y = year(year);
        model.addAttribute("year", y);
        // from the chosen year (bounded by xueshi.limits) back xueshi.limits.years-back years
        model.addAttribute("years", IntStream.rangeClosed(Math.min(y, records.today().getYear()) - limits.yearsBack(),
                        records.today().getYear()).boxed()
                .sorted(Comparator.reverseOrder()).toList());
        model.addAttribute("units", access.unitsFor(me));
        return VIEW;
    }

    @GetMapping("/registration-form")
    Object myRegistrationForm(@RequestParam(required = false) Integer year, Model model) {
        CurrentUser me = currentUsers.current();
        if (me.unit().isEmpty()) {
            return noDocument(year(year), "document.mine.noUnit", model);
        }
        YearRecord r = records.of(me.userId(), me.unit().get(), year(year), me);
        return download(registrationForm.write(r), XLSX, "登记表-" + r.year() + "-" + r.name() + ".xlsx");
    }

    @GetMapping("/certificate")
    Object myCertificate(@RequestParam(required = false) Integer year, Model model) {
        CurrentUser me = currentUsers.current();
        if (me.unit().isEmpty()) {
            return noDocument(year(year), "document.mine.noUnit", model);
        }
        YearRecord r = records.of(me.userId(), me.unit().get(), year(year), me);
        if (!r.hasCountedHours()) {
            return noDocument(r.year(), "document.certificate.none", model);
        }
        Certificate c = certificates.issue(r);
        return download(certificatePdf.write(c, r.ruleSetName()), MediaType.APPLICATION_PDF,
                "学时证明-" + r.year() + "-" + r.name() + ".pdf");
    }

    @GetMapping("/units/{unitId}/summary")
    ResponseEntity<byte[]> unitSummary(@PathVariable long unitId, @RequestParam(required = false) Integer year) {
        CurrentUser me = currentUsers.current();
        Unit unit = access.unit(unitId, me);
        UnitSummary s = records.summary(unit, year(year));
        return download(unitSummary.write(s), XLSX, "汇总表-" + s.year() + "-" + unit.getName() + ".xlsx");
    }

    @GetMapping("/units/{unitId}/people/{userId}/registration-form")
    ResponseEntity<byte[]> memberRegistrationForm(@PathVariable long unitId, @PathVariable String userId,
            @RequestParam(required = false) Integer year) {
        CurrentUser me = currentUsers.current();
        Unit unit = access.memberUnit(unitId, userId, me);
        YearRecord r = records.of(userId, unit, year(year), me);
        return download(registrationForm.write(r), XLSX, "登记表-" + r.year() + "-" + r.name() + ".xlsx");
    }

    /**
     * Instead of a bare 404, the documents page says why there is no document of one's own for that year
     * (still 404, as nothing was found to download): no counted hours yet for a certificate, or no unit
     * (a reviewer or bureau user need not be a member of one).
     */
    private ModelAndView noDocument(int year, String messageKey, Model model) {
        page(year, model);
        model.addAttribute("noDocumentKey", messageKey);
        model.addAttribute("noDocumentYear", year);
        return new ModelAndView(VIEW, model.asMap(), HttpStatus.NOT_FOUND);
    }

    private int year(Integer year) {
        int now = records.today().getYear();
        if (year == null) {
            return now;
        }
        if (year < limits.minYear() || year > now) {
            throw new DocumentNotFound();
        }
        return year;
    }

    private static ResponseEntity<byte[]> download(byte[] content, MediaType type, String fileName) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content);
    }
}
