"""Public delivery routes: REST under /api/v1/, GraphQL at /graphql/, exports."""

urlpatterns = []
