"""The vocabularies of the conference models, for readers outside cms (API parameters, facet
labels) that must not import the models themselves."""

from cms.conference.models import EditionPage, Partnership, SessionPage, SessionSpeaker

EDITION_STATUS = EditionPage.Status.choices
PARTNER_ROLES = Partnership.Role.choices
PARTNER_TIERS = Partnership.Tier.choices
SESSION_TYPES = SessionPage.Type.choices
SESSION_LANGUAGES = SessionPage.Language.choices
SPEAKER_ROLES = SessionSpeaker.Role.choices


def page_type(page):
    """The public type of a specific page: "edition", "session", "news", "standard", "venue",
    or None for any other page."""
    from cms.conference.models import NewsPage, StandardPage, VenuePage

    return {
        EditionPage: "edition",
        SessionPage: "session",
        NewsPage: "news",
        StandardPage: "standard",
        VenuePage: "venue",
    }.get(type(page))
