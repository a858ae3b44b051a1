"""GraphQL types for people, organisations and taxonomies."""

import graphene

from api.graphql.common import Image


class Topic(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    locale = graphene.String(required=True)
    description = graphene.String()


class Industry(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    locale = graphene.String(required=True)


class OrganisationSummary(graphene.ObjectType):
    id = graphene.ID(required=True)
    guid = graphene.String(required=True)
    name = graphene.String(required=True)
    short_name = graphene.String(required=True)
    slug = graphene.String(required=True)
    website = graphene.String(required=True)
    logo = graphene.Field(Image)


class OrganisationPartnership(graphene.ObjectType):
    year = graphene.Int(required=True)
    role = graphene.String(required=True)
    role_label = graphene.String(required=True)
    tier = graphene.String(required=True)


class Organisation(OrganisationSummary):
    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)
    description = graphene.String(required=True)
    country = graphene.String(required=True)
    locale = graphene.String(required=True)
    updated_at = graphene.String()
    partnerships = graphene.List(graphene.NonNull(OrganisationPartnership), required=True)


class PersonSummary(graphene.ObjectType):
    id = graphene.ID(required=True)
    guid = graphene.String(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    job_title = graphene.String(required=True)
    organisation = graphene.Field(OrganisationSummary)
    photo = graphene.Field(Image)


class AppearanceSession(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    type = graphene.String(required=True)
    start = graphene.String(required=True)
    end = graphene.String(required=True)
    year = graphene.Int(required=True)


class Appearance(graphene.ObjectType):
    role = graphene.String(required=True)
    session = graphene.Field(AppearanceSession, required=True)


class Speaker(PersonSummary):
    bio = graphene.String(required=True)
    website = graphene.String(required=True)
    linkedin = graphene.String(required=True)
    locale = graphene.String(required=True)
    updated_at = graphene.String()
    calendar_url = graphene.String(required=True)
    appearances = graphene.List(graphene.NonNull(Appearance), required=True)
