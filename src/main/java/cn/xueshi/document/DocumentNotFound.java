package cn.xueshi.document;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such unit, person or document, or not one the signed-in person may fetch: always 404, so ids reveal nothing. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class DocumentNotFound extends RuntimeException {
}
