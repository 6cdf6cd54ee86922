package cn.xueshi.rules;

import cn.xueshi.system.RequestLimits;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/v1/recognition/evaluate (shared/rules/API.md): the hours of one year under the deployed tables. */
@RestController
@RequestMapping("/api/v1/recognition")
class RecognitionApiController {

    private final RecognitionService recognition;
    private final PersonRequirement personRequirement;
    private final MessageSource messages;
    private final RequestLimits limits;

    RecognitionApiController(RecognitionService recognition, PersonRequirement personRequirement,
            MessageSource messages, RequestLimits limits) {
        this.limits = limits;
        this.recognition = recognition;
        this.personRequirement = personRequirement;
        this.messages = messages;
    }

    /**
     * Beyond API.md: with {@code ?person=userId} compliance is judged against that person's own
     * requirement (approved hardship reductions applied), if the caller may see that person.
     */
    @PostMapping(path = "/evaluate", produces = MediaType.APPLICATION_JSON_VALUE)
    RecognitionResult evaluate(@RequestBody RecognitionRequest request,
            @RequestParam(name = "person", required = false) String person, Authentication caller) {
        if (request != null) {
            limits.year("year", request.year()); // the parameters' own bounds are DMN rows, checked by the service
        }
        RecognitionResult result = recognition.evaluate(request);
        if (person == null || person.isBlank()) {
            return result;
        }
        Requirement lowered = personRequirement.of(person.trim(), result.year(), result.requirement(), caller.getName())
                .orElseThrow(() -> new RecognitionException("person", messages.getMessage("rules.error.person",
                        new Object[] {person}, LocaleContextHolder.getLocale())));
        return recognition.evaluate(request, lowered);
    }
}
