package cn.xueshi.document;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public verification page (核验, no login) that a certificate's QR code opens: masked name, unit,
 * year, hours and status as the certificate stated them. No evidence, no ids beyond the code itself.
 * An unknown code gets a friendly page with status 404.
 */
@Controller
class VerifyController {

    static final String VIEW = "document/verify";
    static final String UNKNOWN_VIEW = "document/verify-unknown";
    static final String LIMITED_VIEW = "document/verify-limited";

    static final String PROOF_VIEW = "document/verify-title-proof";

    private final Certificates certificates;
    private final cn.xueshi.title.TitleProofs proofs;
    private final ZoneId zone;

    VerifyController(Certificates certificates, cn.xueshi.title.TitleProofs proofs,
            @Value("${xueshi.time-zone:Asia/Shanghai}") String zone) {
        this.certificates = certificates;
        this.proofs = proofs;
        this.zone = ZoneId.of(zone);
    }

    /** What the page shows of an issued 学习证明 (title application), already formatted. */
    record VerifiedProof(String code, String maskedName, String unitName, String issuerName, int year,
            cn.xueshi.title.ProofSnapshot snapshot, String verdictZh, LocalDate issued) {
    }

    /** What the page shows, already formatted. */
    record Verified(String code, String maskedName, String unitName, int year, String publicHours,
            String professionalHours, String totalHours, boolean compliant, String status, LocalDate issued,
            boolean superseded) {
    }

    @GetMapping("/verify/{code}")
    String verify(@PathVariable String code, Model model, HttpServletResponse response) {
        String normalized = code.strip().toUpperCase();
        Optional<cn.xueshi.title.TitleProofs.Issued> proof = proofs.byCode(normalized);
        if (proof.isPresent()) {
            var p = proof.get().proof();
            model.addAttribute("verified", new VerifiedProof(p.getCode(),
                    NameMask.mask(p.getHolderName(), p.getFamilyName()), p.getUnitName(), p.getIssuerName(),
                    p.getYear(), proof.get().snapshot(), TitleProofPdf.verdictZh(p.getVerdict()),
                    LocalDate.ofInstant(p.getDecidedAt(), zone)));
            return PROOF_VIEW;
        }
        Optional<Certificate> found = certificates.verify(normalized);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return UNKNOWN_VIEW;
        }
        Certificate c = found.get();
        model.addAttribute("verified", new Verified(c.code(), c.maskedName(), c.unitName(), c.year(),
                Hours.text(c.publicHours()), Hours.text(c.professionalHours()), Hours.text(c.totalHours()),
                c.compliant(), c.status(), LocalDate.ofInstant(c.issuedAt(), zone), c.superseded()));
        return VIEW;
    }

    /** More pages than xueshi.verify.rate-limit from one address within the period (VerifyRateLimit). */
    @ExceptionHandler(VerifyRateLimit.TooManyVerifications.class)
    String tooMany(VerifyRateLimit.TooManyVerifications e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds));
        model.addAttribute("retryAfter", e.retryAfterSeconds);
        return LIMITED_VIEW;
    }
}
