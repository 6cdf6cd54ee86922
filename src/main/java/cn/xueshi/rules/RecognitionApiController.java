package cn.xueshi.rules;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/v1/recognition/evaluate (shared/rules/API.md): the hours of one year under the deployed tables. */
@RestController
@RequestMapping("/api/v1/recognition")
class RecognitionApiController {

    private final RecognitionService recognition;

    RecognitionApiController(RecognitionService recognition) {
        this.recognition = recognition;
    }

    @PostMapping(path = "/evaluate", produces = MediaType.APPLICATION_JSON_VALUE)
    RecognitionResult evaluate(@RequestBody RecognitionRequest request) {
        return recognition.evaluate(request);
    }
}
