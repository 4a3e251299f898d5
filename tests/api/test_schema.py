"""The OpenAPI schema validates with no warning, and documents every field in Chinese."""

import re

import pytest
import yaml
from django.core.management import call_command

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.slow  # validates the whole schema against the OpenAPI spec (seconds)
def test_spectacular_validate_fail_on_warn(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert "/api/v1/stats/" in schema["paths"]


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    target = tmp_path_factory.mktemp("schema") / "schema.yaml"
    call_command("spectacular", "--file", str(target))
    return yaml.safe_load(target.read_text())


def test_every_serializer_field_has_a_chinese_description(schema):
    missing = []
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            description = spec.get("description") or ""
            if not CJK.search(description) and not (name.startswith("Paginated") and field in {"results"}):
                missing.append(f"{name}.{field}")
    assert not missing, missing


def test_every_operation_and_parameter_is_documented(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert CJK.search(operation.get("summary", "")), (method, path)
            assert {"200", "201"} & set(operation["responses"]), (method, path)
            assert "429" in operation["responses"], (method, path)
            for parameter in operation.get("parameters", []):
                assert CJK.search(parameter.get("description", "")), (method, path, parameter["name"])
            if method in ("post", "put", "patch"):
                assert {"400", "401", "404"} <= set(operation["responses"]), (method, path)
