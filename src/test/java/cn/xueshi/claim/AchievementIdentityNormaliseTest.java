package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One achievement however its number is typed: case, full-width, spaces and hyphens, the ISBN/DOI label. */
@org.junit.jupiter.api.Tag("no-database")
class AchievementIdentityNormaliseTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ISBN 978-7-111-12345-6|9787111123456",
        "isbn９７８－７－１１１－１２３４５－６|9787111123456",
        "9787111123456|9787111123456",
        "doi: 10.1000/ABC.1|101000/ABC1",
        "https://doi.org/10.1000/abc.1|101000/ABC1",
        "10.1000/abc.1|101000/ABC1",
        "ZL 2025 1 0000001.0|ZL202510000001" + "0",
        "'  '|''"})
    void normalised(String raw, String key) {
        assertThat(AchievementIdentity.normalise(raw)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10.1000/abc.1|10.1000/abc.2", "ISBN 978-7-111-12345-6|ISBN 978-7-111-12345-7"})
    void differentNumbersStayDifferent(String a, String b) {
        assertThat(AchievementIdentity.normalise(a)).isNotEqualTo(AchievementIdentity.normalise(b));
    }
}
