"""Limits that keep one GraphQL request cheap, checked cheapest first before anything runs.

1. the document's size in bytes, then its number of tokens while parsing;
2. the number of aliases and of root fields (each one is a separate resolver call);
3. graphql-core's standard validation rules (unknown fields, unknown fragments, fragment
   cycles, ...), which must pass before our own rules look at the document;
4. depth and an estimated cost: every field resolution costs 1, a field whose resolver queries
   the database or the search engine costs RESOLVER_COST, and a list multiplies what is under it
   by its expected size (the `limit` or `pageSize` argument when given, else the resolver's page
   size).

API_GRAPHQL_MAX_COST is calibrated so that a query at the limit costs about one second of
server time; a full agenda of one edition with speakers costs about a third of it.
"""

from django.conf import settings
from graphql import GraphQLError, parse, specified_rules, validate
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    VariableNode,
)
from graphql.type import GraphQLList, GraphQLNonNull, get_named_type

# A field whose resolver runs selectors (several SQL queries) or asks the search engine; its
# cost is charged once per occurrence in the document, as the resolver loads all items at once.
RESOLVER_COST = 1000
IO_FIELDS = {"Edition.sessions"}
# Introspection reads the in-memory schema: bounded, but not free.
INTROSPECTION_COST = 1000

# Expected items of a list field: a number, or (argument, default, maximum) when an argument
# chooses the page size. Lists not named here count DEFAULT_LIST_SIZE items.
DEFAULT_LIST_SIZE = 10
PAGED = ("limit", 100, 500)
LIST_SIZES = {
    "Query.sessions": PAGED,
    "Query.speakers": PAGED,
    "Query.organisations": PAGED,
    "Query.pages": PAGED,
    "Query.editions": 10,
    "Query.rooms": 20,
    "Query.tracks": 20,
    "Query.topics": 30,
    "Query.industries": 30,
    "Query.searchSuggest": 10,
    "Edition.sessions": 100,
    "Edition.topics": 30,
    "Edition.industries": 30,
    "PartnerGroup.partners": 20,
    "Session.speakers": 5,
    "Session.topics": 5,
    "Session.industries": 5,
    "SearchResult.results": 50,
}

TOO_LARGE = {"code": "QUERY_TOO_LARGE"}
TOO_COMPLEX = {"code": "QUERY_TOO_COMPLEX"}


def parse_query(query):
    """The parsed document; a GraphQLError when it is too large or not valid GraphQL syntax."""
    size, limit = len(query.encode("utf-8")), settings.API_GRAPHQL_MAX_QUERY_BYTES
    if size > limit:
        raise GraphQLError(
            f"The query is {size:,} bytes, more than the limit of {limit:,} bytes.",
            extensions=TOO_LARGE,
        )
    tokens = settings.API_GRAPHQL_MAX_TOKENS
    try:
        return parse(query, max_lexical_tokens=tokens, max_comments=tokens)
    except GraphQLError as error:
        if "tokens" in error.message or "comments" in error.message:
            raise GraphQLError(
                f"The query has more than {tokens:,} tokens, the limit.", extensions=TOO_LARGE
            ) from error
        raise


def validate_document(schema, document, variables=None):
    """Every validation error of the document, or an empty list when it may run."""
    errors = _selection_errors(document)
    if errors:
        return errors
    errors = validate(schema, document, specified_rules, max_errors=50)
    if errors:
        return errors
    return _limit_errors(schema, document, variables or {})


def _fields(selection_set):
    """Every FieldNode in a selection set and below it, without following fragment spreads."""
    stack = [selection_set]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                yield selection
            stack.append(getattr(selection, "selection_set", None))


def _root_keys(selection_set, fragments, seen):
    keys = set()
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            keys.add((selection.alias or selection.name).value)
        elif isinstance(selection, InlineFragmentNode):
            keys |= _root_keys(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                seen.add(name)
                keys |= _root_keys(fragments[name].selection_set, fragments, seen)
    return keys


def _selection_errors(document):
    """Aliases and root fields, counted on the document before the standard rules run."""
    definitions = document.definitions
    aliases = sum(
        1
        for definition in definitions
        if getattr(definition, "selection_set", None) is not None
        for field in _fields(definition.selection_set)
        if field.alias is not None
    )
    limit = settings.API_GRAPHQL_MAX_ALIASES
    if aliases > limit:
        return [
            GraphQLError(
                f"The query has {aliases:,} aliases, more than the limit of {limit:,}. "
                "Send fewer aliased fields, or several requests.",
                extensions=TOO_COMPLEX,
            )
        ]
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    limit = settings.API_GRAPHQL_MAX_ROOT_FIELDS
    for definition in definitions:
        if isinstance(definition, OperationDefinitionNode):
            roots = len(_root_keys(definition.selection_set, fragments, set()))
            if roots > limit:
                return [
                    GraphQLError(
                        f"The query asks for {roots:,} root fields, more than the limit of "
                        f"{limit:,}.",
                        [definition],
                        extensions=TOO_COMPLEX,
                    )
                ]
    return []


class _TooComplex(Exception):
    pass


class _Estimate:
    """Depth and cost of an operation as graphql-core executes it: fields with the same response
    key are merged (a fragment spread twice runs once), aliases are separate resolutions.
    Merged selection sets are measured once each, and the walk stops after MAX_STEPS."""

    MAX_STEPS = 50_000

    def __init__(self, schema, fragments, variables):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.memo = {}
        self.steps = 0

    def collect(self, selection_sets, parent):
        """{response key: [(field node, type it is selected on)]}, fragments expanded once."""
        fields, visited = {}, set()
        stack = [(selection_set, parent) for selection_set in selection_sets]
        while stack:
            selection_set, owner = stack.pop()
            for selection in selection_set.selections:
                self.steps += 1
                if self.steps > self.MAX_STEPS:
                    raise _TooComplex
                if isinstance(selection, FieldNode):
                    key = (selection.alias or selection.name).value
                    fields.setdefault(key, []).append((selection, owner))
                    continue
                if isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    if name in visited or name not in self.fragments:
                        continue
                    visited.add(name)
                    selection = self.fragments[name]
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else owner
                stack.append((selection.selection_set, inner or owner))
        return fields

    def group(self, selection_sets, parent):
        """(cost, depth) of the merged selection sets on `parent`; depth counts levels below."""
        memo_key = (parent.name, tuple(id(selection_set) for selection_set in selection_sets))
        if memo_key in self.memo:
            return self.memo[memo_key]
        cost = depth = 0
        for entries in self.collect(selection_sets, parent).values():
            field_cost, field_depth = self.field(entries)
            cost += field_cost
            depth = max(depth, field_depth)
        self.memo[memo_key] = (cost, depth)
        return cost, depth

    def field(self, entries):
        node, owner = entries[0]
        name = node.name.value
        if name.startswith("__"):
            return (1 if name == "__typename" else INTROSPECTION_COST), 0
        definition = (getattr(owner, "fields", None) or {}).get(name)
        if definition is None:
            return 1, 0
        key = f"{owner.name}.{name}"
        own = RESOLVER_COST if owner is self.schema.query_type or key in IO_FIELDS else 1
        children = tuple(n.selection_set for n, _ in entries if n.selection_set is not None)
        if not children:
            return own, 0
        field_type = definition.type
        while isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        size = self.list_size(key, node) if isinstance(field_type, GraphQLList) else 1
        child_cost, child_depth = self.group(children, get_named_type(field_type))
        return own + size * child_cost, child_depth + 1

    def list_size(self, key, node):
        spec = LIST_SIZES.get(key, DEFAULT_LIST_SIZE)
        if isinstance(spec, int):
            return spec
        argument_name, default, maximum = spec
        for argument in node.arguments or ():
            if argument.name.value != argument_name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                number = int(value.value)
            elif isinstance(value, VariableNode):
                number = self.variables.get(value.name.value, default)
            else:
                number = maximum
            if not isinstance(number, int) or isinstance(number, bool):
                return maximum
            return min(max(number, 1), maximum)
        return default


def _limit_errors(schema, document, variables):
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    estimate = _Estimate(schema, fragments, variables)
    max_depth, max_cost = settings.API_GRAPHQL_MAX_DEPTH, settings.API_GRAPHQL_MAX_COST
    errors = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        root = schema.get_root_type(definition.operation)
        try:
            cost, depth = estimate.group((definition.selection_set,), root)
        except _TooComplex:
            return [
                GraphQLError(
                    "The query is too complex to estimate: its fragments expand into more than "
                    f"{estimate.MAX_STEPS:,} selections.",
                    [definition],
                    extensions=TOO_COMPLEX,
                )
            ]
        label = definition.name.value if definition.name else "anonymous"
        if depth > max_depth:
            errors.append(
                GraphQLError(
                    f"'{label}' exceeds maximum operation depth of {max_depth}.",
                    [definition],
                    extensions=TOO_COMPLEX,
                )
            )
        if cost > max_cost:
            errors.append(
                GraphQLError(
                    f"Query cost {cost:,} exceeds the limit of {max_cost:,}. Each field counts "
                    f"1 per item and each field that queries the database {RESOLVER_COST:,}; "
                    "ask for fewer fields or aliases, or pass a smaller limit to list fields.",
                    [definition],
                    extensions=TOO_COMPLEX,
                )
            )
    return errors
