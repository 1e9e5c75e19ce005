"""The generated OpenAPI schema is valid and drf-spectacular reports no warning."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.sqlite_only


def test_openapi_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"

    # --validate checks the result against the OpenAPI 3 specification;
    # --fail-on-warn turns every warning (an unresolvable serializer, a
    # missing type hint, a duplicate operation id) into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Knooppunt API"
