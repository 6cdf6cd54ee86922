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
    private final cn.xueshi.identity.Directory directory;

    RecognitionApiController(RecognitionService recognition, PersonRequirement personRequirement,
            MessageSource messages, RequestLimits limits, cn.xueshi.identity.Directory directory) {
        this.limits = limits;
        this.directory = directory;
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
        if (person == null || person.isBlank()) {
            return recognition.evaluate(request);
        }
        if (request != null && (request.ruleSet() == null || request.ruleSet().isBlank()) && request.year() != null) {
            // without ruleSet: the person's effective set (unit's filed rules → department's → reference); the
            // caller must be allowed to see the person before anything about them is used
            String p = person.trim();
            int year = request.year();
            personRequirement.of(p, year, new Requirement(java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO,
                    java.math.BigDecimal.ZERO), caller.getName()).orElseThrow(() -> personError(person));
            String effective = directory.unitOf(p).flatMap(u -> recognition.ruleSetFor(u, year)).orElseThrow(() -> new RecognitionException("year",
                    messages.getMessage("rules.error.person.noRuleSet", new Object[] {person, String.valueOf(year)},
                            LocaleContextHolder.getLocale())));
            request = new RecognitionRequest(effective, request.year(), request.items());
        }
        RecognitionResult result = recognition.evaluate(request);
        Requirement lowered = personRequirement.of(person.trim(), result.year(), result.requirement(), caller.getName())
                .orElseThrow(() -> personError(person));
        return recognition.evaluate(request, lowered);
    }

    private RecognitionException personError(String person) {
        return new RecognitionException("person", messages.getMessage("rules.error.person", new Object[] {person},
                LocaleContextHolder.getLocale()));
    }
}
