"""Depth and cost limits: abusive queries are refused before they run, with a clear message."""

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import GraphQLError, ValidationRule
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, IntValueNode
from graphql.type import GraphQLList, GraphQLNonNull, get_named_type

# Expected list sizes: a root list returns `limit` items (default 100); some nested lists are
# known to be longer than the default.
ROOT_LIST_SIZE = 100
NESTED_LIST_SIZE = 5
LIST_SIZES = {"editions": 5, "sessions": 50, "partners": 10}
LIMIT_ARGUMENTS = ("limit",)


def _unwrap(type_):
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return type_


def _list_size(node, root):
    for argument in node.arguments or ():
        if argument.name.value in LIMIT_ARGUMENTS and isinstance(argument.value, IntValueNode):
            return max(1, int(argument.value.value))
    name = node.name.value
    if name in LIST_SIZES:
        return LIST_SIZES[name]
    return ROOT_LIST_SIZE if root else NESTED_LIST_SIZE


def selection_cost(selection_set, parent_type, fragments, visiting=frozenset(), root=False):
    """Each field costs 1; a list field multiplies what is under it by its expected size."""
    if selection_set is None or parent_type is None:
        return 0
    fields = getattr(parent_type, "fields", {})
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            if name.startswith("__") or name not in fields:
                continue
            field_type = _unwrap(fields[name].type)
            is_list = isinstance(field_type, GraphQLList)
            multiplier = _list_size(selection, root) if is_list else 1
            child = selection_cost(
                selection.selection_set, get_named_type(field_type), fragments, visiting
            )
            total += 1 + multiplier * child
        elif isinstance(selection, InlineFragmentNode):
            total += selection_cost(selection.selection_set, parent_type, fragments, visiting, root)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in visiting or name not in fragments:
                continue
            total += selection_cost(
                fragments[name].selection_set, parent_type, fragments, visiting | {name}, root
            )
    return total


class CostLimitRule(ValidationRule):
    def enter_document(self, node, *args):
        fragments = {d.name.value: d for d in node.definitions if d.kind == "fragment_definition"}
        schema = self.context.schema
        limit = settings.API_GRAPHQL_MAX_COST
        for definition in node.definitions:
            if definition.kind != "operation_definition":
                continue
            root = schema.get_root_type(definition.operation)
            cost = selection_cost(definition.selection_set, root, fragments, root=True)
            if cost > limit:
                self.report_error(
                    GraphQLError(
                        f"Query cost {cost} exceeds the limit of {limit}. Ask for fewer fields or "
                        "pass a smaller limit to list fields.",
                        definition,
                    )
                )


def validation_rules():
    return [depth_limit_validator(max_depth=settings.API_GRAPHQL_MAX_DEPTH), CostLimitRule]
