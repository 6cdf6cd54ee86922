package cn.xueshi.document;

import cn.xueshi.identity.CurrentUser;
import cn.xueshi.identity.CurrentUserService;
import cn.xueshi.title.TitleProof;
import cn.xueshi.title.TitleProofs;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The issued 学习证明 as PDF, for the person who requested it and those who may issue it (the unit's reviewers, or
 * the bureau); anyone else, or a proof not issued, is not found.
 */
@RestController
class TitleProofDocuments {

    private final TitleProofs proofs;
    private final TitleProofPdf pdf;
    private final CurrentUserService currentUsers;

    TitleProofDocuments(TitleProofs proofs, TitleProofPdf pdf, CurrentUserService currentUsers) {
        this.proofs = proofs;
        this.pdf = pdf;
        this.currentUsers = currentUsers;
    }

    @GetMapping("/documents/title-proofs/{id}.pdf")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        CurrentUser me = currentUsers.current();
        TitleProofs.Issued issued = proofs.viewable(id, me);
        if (issued.proof().getStatus() != TitleProof.Status.ISSUED || issued.snapshot() == null) {
            throw new DocumentNotFound();
        }
        String name = "学习证明-" + issued.proof().getYear() + "-" + issued.proof().getHolderName() + ".pdf";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.write(issued.proof(), issued.snapshot()));
    }
}
