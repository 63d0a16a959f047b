"""The strict JSON parser refuses numbers outside the interoperable range (I-JSON, RFC 8785)
with their JSON Pointer, at any depth; numbers inside it pass unchanged."""
import json

import pytest
import rfc8785

from chalicelib.domain.errors import ValidationFailed
from chalicelib.http import MAX_SAFE_INTEGER, parse_json_body


def parse(text: str):
    return parse_json_body(text.encode(), "application/json")


@pytest.mark.parametrize(("text", "pointer"), [
    ('{"a": 9007199254740992}', "/a"),
    ('{"a": -9007199254740992}', "/a"),
    ('{"data": {"x": [1, {"y": 123456789012345678901234567890}]}}', "/data/x/1/y"),
    ('{"a/b": {"c~d": 1e400}}', "/a~1b/c~0d"),
    ('{"n": -1E999}', "/n"),
    ('{"big": ' + "9" * 5000 + "}", "/big"),  # past int_max_str_digits: not a ValueError, a 422
])
def test_out_of_range_is_422_with_its_pointer(text, pointer):
    with pytest.raises(ValidationFailed) as exc:
        parse(text)
    assert [d.pointer for d in exc.value.details] == [pointer]


def test_every_offending_number_is_named_and_the_body_need_not_be_an_object():
    with pytest.raises(ValidationFailed) as exc:
        parse('{"a": [9007199254740993, 1, -9007199254740993]}')
    assert [d.pointer for d in exc.value.details] == ["/a/0", "/a/2"]
    with pytest.raises(ValidationFailed) as exc:
        parse("[18014398509481984]")
    assert [d.pointer for d in exc.value.details] == ["/0"]


def test_in_range_numbers_parse_unchanged_and_canonicalise():
    body = {"max": MAX_SAFE_INTEGER, "min": -MAX_SAFE_INTEGER, "f": 1.5, "e": 1e300, "z": -0.0, "i": 0}
    parsed = parse(json.dumps(body))
    assert parsed == body and type(parsed["max"]) is int and type(parsed["f"]) is float
    rfc8785.dumps(parsed)  # what the request hash and the record hash do: no IntegerDomainError


def test_deep_nesting_does_not_overflow_the_check():
    depth = 900
    text = '{"a":' * depth + "9007199254740992" + "}" * depth
    try:
        parse(text)
    except ValidationFailed as exc:
        assert exc.details[0].pointer == "/a" * depth
    except Exception as exc:  # noqa: BLE001 - the parser may refuse the depth itself, as a 400
        assert type(exc).__name__ == "MalformedRequest"
