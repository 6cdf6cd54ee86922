package cn.xueshi.variable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The shapes of the claim lifecycle's decision outputs and reviewers, now and as earlier model versions left them. */
@org.junit.jupiter.api.Tag("no-database")
class DecisionOutputsTest {

    @Test
    void outputsAreReadFromTheirOwnVariables() {
        Map<String, Object> vars = new HashMap<>(Map.of("reviewerKind", "BUREAU", "reviewWorkingDays", 10));
        DecisionOutputs routing = DecisionOutputs.of(scope(vars), "routing", "review-routing");
        assertThat(routing.text("reviewerKind")).isEqualTo("BUREAU");
        assertThat(routing.whole("reviewWorkingDays")).isEqualTo(10);
    }

    @Test
    void anInstanceOfAnEarlierVersionIsReadFromItsResultMap() {
        Map<String, Object> vars = new HashMap<>(Map.of("publicity", Map.of("publicityWorkingDays", 5L, "basis", "…")));
        assertThat(DecisionOutputs.of(scope(vars), "publicity", "publicity-policy").whole("publicityWorkingDays"))
                .isEqualTo(5);
    }

    @Test
    void aMissingOrWronglyTypedOutputIsAnIncidentNamingTheTable() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("reviewerKind", null);
        vars.put("reviewWorkingDays", "zehn");
        DecisionOutputs routing = DecisionOutputs.of(scope(vars), "routing", "review-routing");
        assertThatThrownBy(() -> routing.text("reviewerKind")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("review-routing").hasMessageContaining("reviewerKind");
        assertThatThrownBy(() -> routing.whole("reviewWorkingDays")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reviewWorkingDays");
    }

    @Test
    void reviewersAreOneCommaSeparatedStringAndReadBackInEitherShape() {
        assertThat(ProcessVariables.candidates(List.of("rev1", "rev2")).getValue()).isEqualTo("rev1,rev2");
        assertThat(ProcessVariables.peopleOf("rev1,rev2")).containsExactly("rev1", "rev2");
        assertThat(ProcessVariables.peopleOf(" rev1 , rev2")).containsExactly(" rev1", "rev2");
        assertThat(ProcessVariables.peopleOf(new ArrayList<>(List.of("rev1", "rev2")))).containsExactly("rev1", "rev2");
        assertThat(ProcessVariables.peopleOf(null)).isEmpty();
        assertThat(ProcessVariables.peopleOf("")).isEmpty();
        // an id with a comma would become two candidates: refused instead
        assertThatThrownBy(() -> ProcessVariables.candidates(List.of("a,b"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Function<String, Object> scope(Map<String, Object> vars) {
        return vars::get;
    }
}
