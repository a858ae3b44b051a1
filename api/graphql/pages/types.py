"""GraphQL types for news, content and venue pages."""

import graphene
from graphene.types.generic import GenericScalar

from api.graphql.common import Image


class ContentPage(graphene.ObjectType):
    id = graphene.ID(required=True)
    type = graphene.String(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    locale = graphene.String(required=True)
    year = graphene.Int()
    date = graphene.String()
    intro = graphene.String()
    image = graphene.Field(Image)
    url = graphene.String()
    updated_at = graphene.String()
    body = GenericScalar(description="StreamField blocks; only on page(id).")
    getting_there = graphene.String()
    accessibility = graphene.String()
