"""The GraphQL schema: one Query composed from the domain packages."""

import graphene

from api.graphql.conference.schema import Query as ConferenceQuery
from api.graphql.pages.schema import Query as PagesQuery
from api.graphql.people.schema import Query as PeopleQuery
from api.graphql.search.schema import Query as SearchQuery


class Query(ConferenceQuery, PeopleQuery, PagesQuery, SearchQuery, graphene.ObjectType):
    """Published conference content in Bulgarian and English."""


schema = graphene.Schema(query=Query, auto_camelcase=True)
