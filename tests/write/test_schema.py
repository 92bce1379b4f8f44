"""The strict JSON Schema: every record the tool writes validates; anything else does not."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kfr_extract import write
from kfr_extract.cli import app
from kfr_extract.models import Record
from kfr_extract.write.schema import object_schemas, strict_schema
from tests.sample_record import sample_record

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(CliRunner().invoke(app, ["--schema"]).stdout)
    assert schema == json.loads(write.schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_object_requires_every_key_and_allows_no_other():
    objects = list(object_schemas(strict_schema()))
    assert len(objects) >= 10
    for obj in objects:
        assert obj["required"] == list(obj["properties"]), obj.get("title")
        assert obj["additionalProperties"] is False, obj.get("title")


def test_kinds_roles_and_outcomes_are_enums():
    text = json.dumps(strict_schema(Record))
    for value in ("foreign_script", "country", "ransom_demanded", "released", "not_found"):
        assert f'"{value}"' in text
    place_kind = strict_schema()["$defs"]["Place"]["properties"]["kind"]
    assert place_kind["enum"] == ["country", "city", "region", "other"]


def test_every_real_record_validates(validator, eval_records):
    assert len(eval_records) >= 40
    for record in eval_records:
        errors = [e.message for e in validator.iter_errors(json.loads(write.to_json(record)))]
        assert not errors, f"{record.source.path}: {errors[:3]}"


def test_error_records_validate(validator, tmp_path):
    result = CliRunner().invoke(app, [str(tmp_path / "missing.txt"), "-q"])
    (record,) = json.loads(result.stdout)
    assert record["status"] == "error"
    validator.validate(record)


def test_unknown_missing_and_out_of_set_values_are_rejected(validator, eval_records):
    record = json.loads(write.to_json(eval_records[0]))
    validator.validate(record)
    unknown = {**record, "confidence": 0.9}
    missing = {k: v for k, v in record.items() if k != "title"}
    inner = {**record, "source": {**record["source"], "weather": "x"}}
    bad_kind = {**record, "places": [{"name": "X", "kind": "planet", "country_code": None,
                                      "mentions": [{"text": "X", "start_char": 0,
                                                    "end_char": 1}]}]}
    for wrong in (unknown, missing, inner, bad_kind):
        assert not validator.is_valid(wrong)


def test_future_fields_validate_against_their_own_strict_schema():
    schema = strict_schema(Record)
    data = json.loads(sample_record().model_dump_json())
    jsonschema.validate(data, schema)
    data["incidents"][0]["outcome"] = "vanished"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
