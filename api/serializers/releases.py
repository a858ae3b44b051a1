"""Agenda releases: the list, one release with its snapshot, and the diff between two.

A snapshot is returned as the release froze it (cms.conference.releases): every text as
{"bg": ..., "en": ...}, sessions pointing at rooms and tracks by guid (the snapshot's `rooms` and
`tracks` name them). The serializers below describe that shape for the OpenAPI schema; the
snapshot and the diff are passed through unchanged, so what partners read is what was frozen.
"""

import datetime

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.conference import release_diff

UTC_TIME = "UTC."


def release_url(context, year, version, suffix=""):
    path = f"/api/v1/editions/{year}/releases/{version}/{suffix}"
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


def release_notes(release):
    """{"bg", "en"}: the note in each language, the Bulgarian one where no English was written."""
    return {"bg": release.note_bg, "en": release.note_en or release.note_bg}


def release_links(context, year, release):
    return {
        "self": release_url(context, year, release.version),
        "diff": release_url(context, year, release.version, "diff/"),
        "schedule_xml": release_url(context, year, release.version, "schedule.xml"),
        "schedule_json": release_url(context, year, release.version, "schedule.json"),
    }


# Pieces of a snapshot --------------------------------------------------------------------------


class ReleaseTextSerializer(serializers.Serializer):
    # Both are there for what a release froze; a room or track a diff cannot name has neither.
    bg = serializers.CharField(allow_blank=True, allow_null=True, required=False)
    en = serializers.CharField(allow_blank=True, allow_null=True, required=False)


class ReleaseIdsSerializer(serializers.Serializer):
    bg = serializers.IntegerField(help_text="Id of the Bulgarian version (the API's `id`).")
    en = serializers.IntegerField(help_text="Id of the English version.")


class ReleaseLinkSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)


class ReleaseLinksTextSerializer(serializers.Serializer):
    bg = ReleaseLinkSerializer(many=True)
    en = ReleaseLinkSerializer(many=True)


class ReleaseSnapshotEditionSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    guid = serializers.UUIDField()
    title = ReleaseTextSerializer()
    venue = ReleaseTextSerializer()
    theme = ReleaseTextSerializer()
    start = serializers.DateField()
    end = serializers.DateField()
    timezone = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    conference_slug = serializers.CharField(allow_blank=True)


class ReleaseSnapshotRoomSerializer(serializers.Serializer):
    guid = serializers.UUIDField()
    name = ReleaseTextSerializer()
    capacity = serializers.IntegerField(allow_null=True)


class ReleaseSnapshotTrackSerializer(serializers.Serializer):
    guid = serializers.UUIDField()
    slug = serializers.CharField()
    color = serializers.CharField()
    name = ReleaseTextSerializer()


class ReleaseSnapshotSpeakerSerializer(serializers.Serializer):
    guid = serializers.UUIDField(help_text="The person's guid, the same in every edition.")
    id = ReleaseIdsSerializer()
    name = ReleaseTextSerializer()
    role = serializers.CharField(allow_blank=True)
    job_title = ReleaseTextSerializer(help_text="As at this session.")
    organisation = ReleaseTextSerializer(help_text="Its name, as at this session.")


class ReleaseSnapshotSessionFields(serializers.Serializer):
    guid = serializers.UUIDField()
    id = ReleaseIdsSerializer()
    slug = ReleaseTextSerializer()
    path = ReleaseTextSerializer(help_text="The session's path on the public site.")
    title = ReleaseTextSerializer()
    abstract = ReleaseTextSerializer(help_text="HTML")
    start = serializers.DateTimeField(help_text="With the edition's UTC offset.")
    end = serializers.DateTimeField(help_text="With the edition's UTC offset.")
    type = serializers.CharField()
    language = serializers.CharField()
    cancelled = serializers.BooleanField()
    speakers = ReleaseSnapshotSpeakerSerializer(many=True)
    links = ReleaseLinksTextSerializer()


class ReleaseSnapshotSessionSerializer(ReleaseSnapshotSessionFields):
    room = serializers.UUIDField(allow_null=True, help_text="A guid of the snapshot's rooms.")
    track = serializers.UUIDField(allow_null=True, help_text="A guid of the snapshot's tracks.")


class ReleaseSnapshotSerializer(serializers.Serializer):
    format = serializers.IntegerField(help_text="The snapshot format (1).")
    edition = ReleaseSnapshotEditionSerializer()
    rooms = ReleaseSnapshotRoomSerializer(many=True)
    tracks = ReleaseSnapshotTrackSerializer(many=True)
    sessions = ReleaseSnapshotSessionSerializer(many=True, help_text="In time order.")


# Releases --------------------------------------------------------------------------------------


class ReleaseCountsSerializer(serializers.Serializer):
    sessions = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    speakers = serializers.IntegerField()
    rooms = serializers.IntegerField()
    days = serializers.IntegerField()


class ReleaseChangesSerializer(serializers.Serializer):
    added = serializers.IntegerField()
    removed = serializers.IntegerField()
    changed = serializers.IntegerField()


class ReleaseLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    diff = serializers.URLField(help_text="The changes since the release before this one.")
    schedule_xml = serializers.URLField(help_text="frab XML of this release.")
    schedule_json = serializers.URLField(help_text="frab JSON of this release.")


class ReleaseSerializer(serializers.Serializer):
    """A named version of an edition's public agenda."""

    version = serializers.CharField(help_text="Its name, e.g. v2 (unique in the edition).")
    number = serializers.IntegerField(help_text="1 for the first release, then 2, 3...")
    edition = serializers.SerializerMethodField(help_text="The edition's year.")
    released_at = serializers.DateTimeField(default_timezone=datetime.UTC, help_text=UTC_TIME)
    note = serializers.SerializerMethodField(
        help_text="The editors' note in the requested language (else the other)."
    )
    notes = serializers.SerializerMethodField()
    counts = ReleaseCountsSerializer(help_text="What the release holds.")
    changes = ReleaseChangesSerializer(help_text="Sessions changed since the release before.")
    links = serializers.SerializerMethodField()

    def get_edition(self, obj) -> int:
        return self.context["year"]

    def get_note(self, obj) -> str:
        return release_notes(obj).get(self.context.get("language") or "bg", obj.note_bg)

    @extend_schema_field(ReleaseTextSerializer)
    def get_notes(self, obj):
        return release_notes(obj)

    @extend_schema_field(ReleaseLinksSerializer)
    def get_links(self, obj):
        return release_links(self.context, self.context["year"], obj)


class ReleaseDetailSerializer(ReleaseSerializer):
    snapshot = serializers.SerializerMethodField(
        help_text="The agenda as released, both languages: texts as {bg, en}, sessions' rooms "
        "and tracks as guids of `rooms` and `tracks`."
    )

    @extend_schema_field(ReleaseSnapshotSerializer)
    def get_snapshot(self, obj):
        return obj.snapshot


# Diffs -----------------------------------------------------------------------------------------


class ReleaseRoomRefSerializer(serializers.Serializer):
    guid = serializers.UUIDField()
    name = ReleaseTextSerializer()


class ReleaseTrackRefSerializer(serializers.Serializer):
    guid = serializers.UUIDField()
    slug = serializers.CharField(allow_null=True)
    name = ReleaseTextSerializer()


class ReleaseDiffSessionSerializer(ReleaseSnapshotSessionFields):
    room = ReleaseRoomRefSerializer(allow_null=True)
    track = ReleaseTrackRefSerializer(allow_null=True)


class ReleaseFieldChangeSerializer(serializers.Serializer):
    before = serializers.JSONField(
        allow_null=True, help_text="The value in the older release (see `after`)."
    )
    after = serializers.JSONField(
        allow_null=True,
        help_text="The value in the newer release: a time (ISO 8601), a room {guid, name} or "
        "track {guid, slug, name}, a text {bg, en}, speakers [{guid, name, role}], a boolean "
        "(cancelled), a string (type, language).",
    )


class ReleaseSessionChangeSerializer(serializers.Serializer):
    guid = serializers.UUIDField()
    id = ReleaseIdsSerializer()
    title = ReleaseTextSerializer()
    status = serializers.ChoiceField(choices=["added", "removed", "changed"])
    session = ReleaseDiffSessionSerializer(
        help_text="The session as the newer release holds it (the older one, when removed), "
        "its room and track named."
    )
    changes = serializers.DictField(
        child=ReleaseFieldChangeSerializer(),
        required=False,
        help_text="Only for status changed: per field ("
        + ", ".join(release_diff.FIELDS)
        + ") its value before and after.",
    )


class ReleaseRefSerializer(serializers.Serializer):
    version = serializers.CharField()
    number = serializers.IntegerField()
    released_at = serializers.DateTimeField(default_timezone=datetime.UTC, help_text=UTC_TIME)


def release_ref(release):
    if release is None:
        return None
    return ReleaseRefSerializer(release).data


class ReleaseDiffSerializer(serializers.Serializer):
    """From one release of an edition to another, per session."""

    edition = serializers.IntegerField(help_text="The edition's year.")
    to = ReleaseRefSerializer(help_text="The release compared (the path's version).")
    summary = ReleaseChangesSerializer()
    summary_text = serializers.ListField(
        child=serializers.CharField(),
        help_text="The changes in sentences, in the requested language.",
    )
    sessions = ReleaseSessionChangeSerializer(
        many=True, help_text="Added, removed and changed sessions in time order."
    )

    def get_fields(self):
        fields = super().get_fields()
        # "from" is a Python keyword: the field is added here, first.
        return {
            "edition": fields.pop("edition"),
            "from": ReleaseRefSerializer(
                allow_null=True,
                help_text="The release compared against; null for an empty agenda (the first "
                "release, compared with nothing: every session added).",
            ),
            **fields,
        }
