package io.paydr.devstack.sns.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The flattened Query protocol shapes as the SDK, boto3 and the CLI send them. */
class QueryParamsTest {

    @Test
    void membersComeInNumericIndexOrderWithNestedFields() {
        String form = IntStream.rangeClosed(1, 11)
                .mapToObj(i -> "PublishBatchRequestEntries.member." + i + ".Id=e" + i
                        + "&PublishBatchRequestEntries.member." + i + ".MessageAttributes.entry.1.Name=n" + i)
                .collect(Collectors.joining("&"));
        List<QueryParams> members = QueryParams.parse(form).members("PublishBatchRequestEntries.member");
        assertEquals(IntStream.rangeClosed(1, 11).mapToObj(i -> "e" + i).toList(),
                members.stream().map(m -> m.required("Id")).toList(), "member 10 follows member 9, not member 1");
        assertEquals("n10", members.get(9).members("MessageAttributes.entry").get(0).required("Name"));
    }

    @Test
    void formDecodingAndMapsOfKeysAndValues() {
        QueryParams params = QueryParams.parse("Action=CreateTopic&Name=t",
                "Attributes.entry.2.key=Policy&Attributes.entry.2.value=%7B%22a%22%3A1%7D"
                        + "&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Pay+ments%20%E2%82%AC");
        assertEquals("CreateTopic", params.required("Action"));
        assertEquals(Map.of("DisplayName", "Pay ments €", "Policy", "{\"a\":1}"), params.map("Attributes"));
        assertEquals(List.of("DisplayName", "Policy"), List.copyOf(params.map("Attributes").keySet()));
    }

    @Test
    void missingRequiredParameterAndBadIndexAreInvalidParameter() {
        SnsError missing = assertThrows(SnsError.class, () -> QueryParams.parse("Action=Publish").required("TopicArn"));
        assertEquals("InvalidParameter", missing.code());
        assertEquals(400, missing.status());
        SnsError index = assertThrows(SnsError.class, () -> QueryParams.parse("A.member.x.Id=1").members("A.member"));
        assertEquals("InvalidParameter", index.code());
    }
}
