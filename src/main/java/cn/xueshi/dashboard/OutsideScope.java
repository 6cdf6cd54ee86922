package cn.xueshi.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A jurisdiction, unit or person the viewer does not oversee: answered as not found. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class OutsideScope extends RuntimeException {
}
