"""Query limits, checked before execution, each failure with a stable error code.

Depth <= 10 and aliases <= 15 use strawberry's rules, tokens <= 2,000 its parser
limit; the node estimate is `NodeEstimate`. Codes go under `extensions.code`
(switched-off introspection gets one too: INTROSPECTION_DISABLED).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_composite_type,
)
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2_000
MAX_NODES = 50_000
DEFAULT_PAGE = 20  # a list field without `first`/`last`
VARIABLE_PAGE = 100  # a page size in a variable counts as the cap (cached validation)

# The message each limit's error starts with -> its code.
CODES = (
    (re.compile(r".*exceeds maximum operation depth"), "QUERY_TOO_DEEP"),
    (re.compile(r"\d+ aliases found"), "TOO_MANY_ALIASES"),
    (re.compile(r".*contains more than \d+ tokens"), "TOO_MANY_TOKENS"),
    (re.compile(r"Estimated \d+ nodes"), "TOO_MANY_NODES"),
    (re.compile(r"GraphQL introspection has been disabled"), "INTROSPECTION_DISABLED"),
)


def _page_size(node: FieldNode) -> int:
    for argument in node.arguments or ():
        if argument.name.value == "ids" and isinstance(argument.value, ListValueNode):
            return len(argument.value.values)  # nodes(ids: [...]): one per id
        if argument.name.value in {"first", "last"}:
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            return VARIABLE_PAGE
    return DEFAULT_PAGE


def _is_connection(named: GraphQLNamedType) -> bool:
    return isinstance(named, GraphQLObjectType) and "edges" in named.fields


class NodeEstimate(ValidationRule):
    """Reject an operation whose lists, multiplied down, may return > MAX_NODES."""

    def enter_operation_definition(
        self, node: OperationDefinitionNode, *_args: object
    ) -> None:
        """Estimate one operation; report it when over the limit."""
        root = self.context.schema.get_root_type(node.operation)
        if root is None:
            return
        total = self._count(node.selection_set, root, 1, frozenset())
        if total > MAX_NODES:
            self.report_error(
                GraphQLError(
                    f"Estimated {total} nodes, over the limit of {MAX_NODES}: "
                    "ask for smaller pages (first/last) or fewer nested lists",
                    node,
                    extensions={"code": "TOO_MANY_NODES"},
                )
            )

    def _count(
        self,
        selections: SelectionSetNode | None,
        parent: GraphQLNamedType,
        multiplier: int,
        seen: frozenset[str],
    ) -> int:
        total = 0
        for selection in selections.selections if selections else ():
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in seen:
                    continue
                inner = self.context.schema.get_type(fragment.type_condition.name.value)
                total += self._count(
                    fragment.selection_set, inner or parent, multiplier, seen | {name}
                )
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = condition and self.context.schema.get_type(condition.name.value)
                total += self._count(
                    selection.selection_set, inner or parent, multiplier, seen
                )
            elif isinstance(selection, FieldNode):
                total += self._field(selection, parent, multiplier, seen)
        return total

    def _field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType,
        multiplier: int,
        seen: frozenset[str],
    ) -> int:
        fields = getattr(parent, "fields", None) or {}
        definition = fields.get(node.name.value)
        if definition is None:
            return 0  # unknown or introspection field: other rules deal with it
        named = get_named_type(definition.type)
        if not is_composite_type(named):
            return 0
        if _is_connection(named):
            multiplier *= _page_size(node)
            count = multiplier
        elif isinstance(get_nullable_type(definition.type), GraphQLList):
            if node.name.value != "edges":  # a connection's edges: counted above
                multiplier *= _page_size(node)
            count = multiplier if node.name.value != "edges" else 0
        else:
            count = 0
        return count + self._count(node.selection_set, named, multiplier, seen)


RULES = (depth_rule(MAX_DEPTH, None), aliases_rule(MAX_ALIASES), NodeEstimate)


class LimitCodes(SchemaExtension):
    """Give the limits' parse and validation errors a stable `extensions.code`."""

    def on_operation(self) -> Iterator[None]:
        """Code the errors parsing (tokens) and validation (the rest) reported."""
        try:
            yield
        except GraphQLError as error:  # ParserCache raises a parse error here
            _code([error])
            raise
        _code(self.execution_context.pre_execution_errors)


def _code(errors: list[GraphQLError] | None) -> None:
    for error in errors or ():
        for pattern, code in CODES:
            if pattern.match(error.message):
                error.extensions = {**(error.extensions or {}), "code": code}


def limit_extensions() -> list:
    """Extension factories for the schema: fresh per request, rules shared."""
    return [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules(list(RULES)),
        LimitCodes,
    ]
