package cn.xueshi.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** xueshi.withdrawal.max-reason-length out of range stops the start, naming the property. */
@org.junit.jupiter.api.Tag("no-database")
class WithdrawalPropertiesTest {

    @Test
    void aLengthBelowOneIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new WithdrawalProperties(0)).hasMessageContaining("xueshi.withdrawal.max-reason-length");
        assertThatThrownBy(() -> new WithdrawalProperties(-5)).hasMessageContaining("is -5");
        assertThat(new WithdrawalProperties(1).maxReasonLength()).isEqualTo(1);
    }
}
