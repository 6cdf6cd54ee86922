package cn.xueshi.selfstudy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * xueshi.self-study.*: the longest note a reviewer may write when establishing the unit's archive (the column holds
 * 1000 characters, V145). Out of range stops the start naming the property.
 */
@ConfigurationProperties("xueshi.self-study")
public record SelfStudyProperties(int maxNoteLength) {

    static final int COLUMN = 1000;

    public SelfStudyProperties {
        if (maxNoteLength < 1 || maxNoteLength > COLUMN) {
            throw new IllegalStateException("xueshi.self-study.max-note-length must be 1.." + COLUMN + ", is " + maxNoteLength);
        }
    }
}
