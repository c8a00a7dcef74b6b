from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.utils import timezone

from htms.public.seed import SEED


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    page_model = apps.get_model("public", "AwarenessPage")
    text_model = apps.get_model("public", "AwarenessText")
    now = timezone.now()
    for position, (slug, texts) in enumerate(SEED):
        page, _created = page_model.objects.get_or_create(slug=slug, defaults={"position": position})
        for language, (title, body) in texts.items():
            text_model.objects.get_or_create(
                page=page, language=language, defaults={"title": title, "body": body, "updated_at": now}
            )


class Migration(migrations.Migration):
    dependencies = [("public", "0001_public_portal")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
