"""Renderers for the export formats, so content negotiation accepts calendar and XML clients.

Export views return finished HttpResponses; these renderers only serve error bodies (as JSON).
"""

import json

from rest_framework.renderers import BaseRenderer


class _ExportRenderer(BaseRenderer):
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode("utf-8")


class ICalRenderer(_ExportRenderer):
    media_type = "text/calendar"
    format = "ics"


class XMLRenderer(_ExportRenderer):
    media_type = "application/xml"
    format = "xml"


class CSVRenderer(_ExportRenderer):
    media_type = "text/csv"
    format = "csv"


class AtomRenderer(_ExportRenderer):
    media_type = "application/atom+xml"
    format = "atom"
