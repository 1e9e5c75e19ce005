"""`{% load proposals %}{% proposal_links object %}`: "Wijziging voorstellen" links for a registry record.

Registry pages (library, branch, contact, cooperation) put this where their edit
button is; it renders nothing for someone who may not propose changes there.
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.registry.models import Branch, Cooperation, Library, Organisation

from .. import targets

register = template.Library()


def proposal_links_for(user, obj) -> list[dict]:
    if obj is None or not user.is_authenticated or not user.has_perm("proposals.add_changeproposal", obj):
        return []
    if isinstance(obj, Organisation):
        detail = getattr(obj, "library", None) or getattr(obj, "cooperation", None)
        return proposal_links_for(user, detail) if detail is not None else []
    links: list[dict] = []
    spec = targets.TARGET_TYPE_BY_MODEL.get(type(obj))
    if spec is None:
        return []
    links.append(
        {
            "label": _("Wijziging voorstellen"),
            "url": reverse("proposals:propose", kwargs={"target_type": spec.key, "key": spec.url_value(obj)}),
        }
    )
    if isinstance(obj, Branch):
        links.append(
            {
                "label": _("Openingsuren voorstellen"),
                "url": reverse("proposals:propose_hours", kwargs={"key": obj.uuid}),
            }
        )
    if isinstance(obj, Library | Cooperation):
        organisation = obj.organisation
        for key, create in targets.CREATE_TYPES.items():
            if create.allowed_for(organisation):
                links.append(
                    {
                        "label": _("%(what)s voorstellen") % {"what": str(create.label).capitalize()},
                        "url": reverse("proposals:propose_create", kwargs={"slug": organisation.slug, "create": key}),
                    }
                )
    return links


@register.inclusion_tag("proposals/partials/links.html", takes_context=True)
def proposal_links(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"links": proposal_links_for(user, obj) if user is not None else []}
