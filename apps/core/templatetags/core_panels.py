"""Panels any detail page adopts in one line: `{% load core_panels %}` then
`{% value_assessment_panel object %}` and `{% attachments_panel object %}`."""

from urllib.parse import urlencode

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from apps.core.selectors.values import value_assessments_for
from apps.core.views.attachments import attachment_panel_context

register = template.Library()


@register.inclusion_tag("core/partials/value_assessment.html", takes_context=True)
def value_assessment_panel(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    edit_url = ""
    if user is not None and user.has_perm("core.change_valueassessment", obj):
        content_type = ContentType.objects.get_for_model(obj)
        edit_url = reverse(
            "core:value_assessment_edit", kwargs={"content_type_id": content_type.pk, "object_id": str(obj.pk)}
        )
        if request is not None:
            edit_url = f"{edit_url}?{urlencode({'next': request.get_full_path()})}"
    return {"assessments": value_assessments_for(obj), "edit_url": edit_url}


@register.inclusion_tag("core/partials/attachments.html", takes_context=True)
def attachments_panel(context, obj):
    request = context.get("request")
    next_url = request.get_full_path() if request is not None else ""
    panel = attachment_panel_context(user=request.user, obj=obj, next_url=next_url)
    panel["csrf_token"] = context.get("csrf_token")
    return panel


@register.simple_tag(takes_context=True)
def extension_links(context, obj):
    """Links other apps registered for this object's detail page (apps.core.extensions)."""
    from apps.core.extensions import object_links

    request = context.get("request")
    return object_links(request.user, obj) if request is not None and obj is not None else []


@register.simple_tag(takes_context=True)
def extension_panels(context, obj):
    from django.utils.safestring import mark_safe

    from apps.core.extensions import object_panels

    request = context.get("request")
    if request is None or obj is None:
        return ""
    return mark_safe("".join(object_panels(request, obj)))  # noqa: S308 - providers render through templates


@register.simple_tag(takes_context=True)
def area_extension_links(context, area_slug):
    from apps.core.extensions import area_links

    request = context.get("request")
    return area_links(request.user, area_slug) if request is not None else []
