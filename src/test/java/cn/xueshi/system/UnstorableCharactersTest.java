package cn.xueshi.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which characters are dropped: the invisible ones XML 1.0 and PostgreSQL refuse, nothing a person can see. */
@org.junit.jupiter.api.Tag("no-database")
class UnstorableCharactersTest {

    @Test
    void controlCharactersOtherThanTabAndLineBreaksAreDropped() {
        assertThat(UnstorableCharacters.strip("论\u0000文\u000B题\u0007目\u001F")).isEqualTo("论文题目");
        assertThat(UnstorableCharacters.strip("第一行\r\n第二行\t完")).isEqualTo("第一行\r\n第二行\t完");
        assertThat(UnstorableCharacters.strip("a\uFFFEb\uFFFFc")).isEqualTo("abc");
    }

    @Test
    void pairedSurrogatesStayAndUnpairedOnesGo() {
        String emoji = "\uD83D\uDE00"; // 😀, and 𠀀 (CJK Extension B) below
        assertThat(UnstorableCharacters.strip("张" + emoji + "\uD840\uDC00")).isEqualTo("张" + emoji + "\uD840\uDC00");
        assertThat(UnstorableCharacters.strip("a\uD83Db")).isEqualTo("ab");
        assertThat(UnstorableCharacters.strip("a\uDE00b\uD83D")).isEqualTo("ab");
    }

    @Test
    void cleanTextIsReturnedAsItIsAndNullStaysNull() {
        String clean = "吉林省专业技术人员继续教育 2026";
        assertThat(UnstorableCharacters.strip(clean)).isSameAs(clean);
        assertThat(UnstorableCharacters.strip(null)).isNull();
        assertThat(UnstorableCharacters.strip("")).isEmpty();
    }
}
