package dev.bocata.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bocata.runtime.internal.http.HttpHeaderSyntax;
import dev.bocata.runtime.internal.route.PathTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor checks templates and subprotocols at compile time with code of its own (it cannot
 * depend on the runtime); the runtime checks them again when it starts. One table runs through
 * both, and says where the processor is meant to be stricter.
 */
class RuntimeParityTest {

    /** What each side makes of a template. */
    enum Verdict {
        /** Both take it, with the same parameters. */
        BOTH_TAKE,
        /** Both refuse it. */
        BOTH_REFUSE,
        /** The runtime takes it, the processor refuses it with advice (the runtime checks structure only). */
        ONLY_RUNTIME_TAKES
    }

    record Row(String template, Verdict verdict) {}

    private static final List<Row> TEMPLATES = List.of(
            new Row("/", Verdict.BOTH_TAKE),
            new Row("/hello", Verdict.BOTH_TAKE),
            new Row("/rooms/{room}/{seat}", Verdict.BOTH_TAKE),
            new Row("/{a}", Verdict.BOTH_TAKE),
            new Row("/café/{$x}", Verdict.BOTH_TAKE),
            new Row("/a*/b", Verdict.BOTH_TAKE),
            new Row("/-._~!$&'()*+,;=:@", Verdict.BOTH_TAKE),
            new Row("hello", Verdict.BOTH_REFUSE),
            new Row("", Verdict.BOTH_REFUSE),
            new Row("/b/{room", Verdict.BOTH_REFUSE),
            new Row("/b/room}", Verdict.BOTH_REFUSE),
            new Row("/{a}{b}", Verdict.BOTH_REFUSE),
            new Row("/x{a}", Verdict.BOTH_REFUSE),
            new Row("/{a}/{a}", Verdict.BOTH_REFUSE),
            new Row("/{{a}}", Verdict.BOTH_REFUSE),
            new Row("/c/{}", Verdict.BOTH_REFUSE),
            new Row("/d//e", Verdict.ONLY_RUNTIME_TAKES),
            new Row("/trailing/", Verdict.ONLY_RUNTIME_TAKES),
            new Row("/d/.", Verdict.ONLY_RUNTIME_TAKES),
            new Row("/a b", Verdict.ONLY_RUNTIME_TAKES),
            new Row("/100%", Verdict.ONLY_RUNTIME_TAKES),
            new Row("/{class}", Verdict.ONLY_RUNTIME_TAKES),
            new Row("/{a-b}", Verdict.ONLY_RUNTIME_TAKES),
            new Row("/{_}", Verdict.ONLY_RUNTIME_TAKES));

    @Test
    void templatesGetTheSameVerdictOrAStricterOneAtCompileTime() {
        List<String> disagreements = new ArrayList<>();
        for (Row row : TEMPLATES) {
            boolean processorTakes = PathTemplateSyntax.problem(row.template()).isEmpty();
            List<String> runtimeNames;
            try {
                runtimeNames = PathTemplate.parse(row.template()).parameterNames();
            } catch (IllegalArgumentException refused) {
                runtimeNames = null;
            }
            Verdict verdict = processorTakes && runtimeNames != null
                    ? Verdict.BOTH_TAKE
                    : !processorTakes && runtimeNames == null
                            ? Verdict.BOTH_REFUSE
                            : !processorTakes ? Verdict.ONLY_RUNTIME_TAKES : null;
            if (verdict != row.verdict()) {
                disagreements.add(row.template() + ": " + (verdict == null ? "only the processor takes it" : verdict));
            } else if (verdict == Verdict.BOTH_TAKE
                    && !runtimeNames.equals(PathTemplateSyntax.parameterNames(row.template()))) {
                disagreements.add(row.template() + ": parameters " + runtimeNames + " at run time, "
                        + PathTemplateSyntax.parameterNames(row.template()) + " at compile time");
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void subprotocolsAreTokensExactlyAsTheRuntimeSeesThem() {
        List<String> candidates = new ArrayList<>(
                List.of("", "v2.chat", "chat", "a b", "x\r\ny", "ä", "v1,v2", "\"quoted\"", "{}", "~!#$%&'*+-.^_`|"));
        for (char c = 0; c < 0x100; c++) {
            candidates.add(String.valueOf(c));
            candidates.add("a" + c + "b");
        }
        List<String> disagreements = new ArrayList<>();
        for (String candidate : candidates) {
            if (RouteChecker.isToken(candidate) != HttpHeaderSyntax.isToken(candidate)) {
                disagreements.add(candidate);
            }
        }
        assertEquals(List.of(), disagreements);
    }
}
