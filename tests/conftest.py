"""Fixtures shared by every suite."""

import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from wagtail.models import Locale

# The frab schedule schemas conference apps validate against.
FRAB = Path(__file__).resolve().parents[1] / ".." / "shared" / "standards" / "frab"


@pytest.fixture
def locales(db):
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return bg, en


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo conference (three bilingual editions); returns the Bulgarian conference page."""
    from cms.conference.demo import DemoLoader

    settings.MEDIA_ROOT = tmp_path / "media"
    return DemoLoader().run()


@pytest.fixture(scope="session")
def demo_db(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo conference loaded once per test session, for read-only suites (API, exports).

    Tests using it must not write; use `demo` for tests that change content.
    """
    from django.test import override_settings

    from cms.conference.demo import DemoLoader

    # Through override_settings, which tells the file storage (it caches its location): a plain
    # assignment would leave the images where the storage last looked while MEDIA_ROOT names
    # another folder, so the first test that changes and restores MEDIA_ROOT loses them.
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock():
        conference = DemoLoader().run()
    yield conference
    media.disable()


@pytest.fixture(scope="session")
def xsd():
    """The frab schedule XML schema."""
    return xmlschema.XMLSchema(str(FRAB / "xsd_schedule.xml.xsd"))


@pytest.fixture(scope="session")
def json_validator():
    """The frab schedule JSON schema (v1, draft-06)."""
    schema = json.loads((FRAB / "json_schema.json").read_text())
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
