"""The file an agency attached to an objection (이의신청, scoring.models.Objection): for the
contest's organizers and the entry's agency members (`scoring.read_objection`), under the name
it was uploaded with, with an ASCII fallback."""

from reports.exporters import Exporter, file_type, open_stored, register
from scoring.models import Objection

OBJECTION_FILE = register(
    Exporter[Objection](
        name="objection_file",
        permission="scoring.read_objection",
        content_type=lambda objection: file_type(objection.file_kind),
        filename=lambda objection: objection.file_name,
        fallback=lambda objection: f"objection-{objection.number}.{objection.file_kind}",
        build=lambda objection: open_stored(objection.file),
    )
)
