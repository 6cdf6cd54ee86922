package cn.xueshi.importing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The caller may not run imports of this kind at all (403); rows outside their scope are row errors instead. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class ImportForbidden extends RuntimeException {
}
