"""Admin widgets of our own."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ChoiceList(forms.CheckboxSelectMultiple):
    """A many-to-many choice as a list of checkboxes in columns, the chosen ones first.

    Replaces the multi-select box, where the chosen entries hide among the others and need
    Ctrl-click. The list scrolls within a fixed height; with more than `filter_threshold`
    entries a search box above it hides the entries that do not match (no script: all are shown).
    """

    template_name = "core/widgets/choice_list.html"
    filter_threshold = 12

    class Media:
        css = {"all": ["core/admin/choice-list.css"]}
        js = ["core/admin/choice-list.js"]

    def __init__(self, attrs=None, choices=(), *, filter_threshold=None):
        super().__init__(attrs, choices)
        if filter_threshold is not None:
            self.filter_threshold = filter_threshold

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        # Chosen first, each part in the choices' own order (sorted() is stable).
        return sorted(groups, key=lambda group: not any(o["selected"] for o in group[1]))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [o for _g, group, _i in context["widget"]["optgroups"] for o in group]
        context["widget"].update(
            {
                "chosen_count": sum(1 for o in options if o["selected"]),
                "option_count": len(options),
                "show_filter": len(options) > self.filter_threshold,
                "filter_label": _("Filter the list"),
                "empty_label": _("Nothing to choose from yet."),
            }
        )
        return context
