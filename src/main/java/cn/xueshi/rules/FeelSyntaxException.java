package cn.xueshi.rules;

import org.camunda.bpm.dmn.feel.impl.FeelException;

/** A cell's text is not FEEL at all (it does not parse), as opposed to FEEL that fails when evaluated. */
public class FeelSyntaxException extends FeelException {
    FeelSyntaxException(String message) {
        super(message);
    }
}
