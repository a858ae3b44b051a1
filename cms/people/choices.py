"""The vocabularies of the people models, for readers outside cms."""

from cms.people.models import Organisation

ORGANISATION_KINDS = Organisation.Kind.choices
