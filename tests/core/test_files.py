"""The download of a private upload: a missing file is a 404, the type comes from the name."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from kbo.core.files import serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(registry):
    from kbo.registry.models import ProductPhoto

    photo = ProductPhoto(product=registry["product_a"], caption="ภาพ")
    photo.image.save("ผ้าทอ.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    return photo.image


def test_an_image_is_shown_inline_with_its_type_and_never_sniffed(stored):
    response = serve(stored, inline=True, filename="ผ้าทอ.png")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-cache"


def test_a_document_is_saved_under_its_name(stored):
    response = serve(stored, inline=False, filename="คู่มือ.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_a_file_gone_from_storage_is_not_found(stored):
    stored.storage.delete(stored.name)
    with pytest.raises(Http404):
        serve(stored, inline=True, filename="ผ้าทอ.png")
