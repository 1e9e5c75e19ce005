"""Attachment pages: upload to any object, download through a permission check, delete after confirmation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.core.forms import AttachmentForm
from apps.core.fragments import form_html
from apps.core.models import Attachment
from apps.core.services.attachments import attachment_add, attachment_delete, attachments_of
from apps.core.views.access import can_view, declare, deny, get_target, safe_next


def attachment_panel_context(*, user, obj, next_url: str = "") -> dict:
    """Context for the "core/partials/attachments.html" panel on any detail page."""
    content_type = ContentType.objects.get_for_model(obj)
    can_change = user.has_perm("core.add_attachment", obj)
    form_markup = ""
    if can_change:
        # The empty upload form is the same on every detail page: its HTML comes from the cache,
        # keyed also by what its help text and accept list read from the settings.
        form = AttachmentForm()
        variant = (str(form.fields["file"].help_text), form.fields["file"].widget.attrs.get("accept", ""))
        form_markup = form_html(form, name="core.AttachmentForm", summary=False, variant=variant)
    return {
        "attachments_target": obj,
        "attachments": list(attachments_of(obj)),
        "attachments_can_change": can_change,
        "attachments_content_type_id": content_type.pk,
        "attachments_object_id": str(obj.pk),
        "attachments_next": next_url,
        "attachment_form_html": form_markup,
    }


def _owner_url(obj) -> str:
    return obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else "/"


@declare("core.view_attachment")
def attachment_download(request, uuid):
    """Serve the file only to who may view the owning object; others get a 404."""
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), uuid=uuid)
    if not request.user.has_perm("core.view_attachment", attachment):
        return deny(request, visible=False)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Het bestand is niet meer beschikbaar."))
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type_sniffed
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@declare("core.add_attachment")
def attachment_upload(request, content_type_id: int, object_id: str):
    target = get_target(content_type_id, object_id)
    if not request.user.has_perm("core.add_attachment", target):
        return deny(request, visible=request.user.is_authenticated and can_view(request.user, target))
    next_url = safe_next(request, _owner_url(target))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachment = attachment_add(
                actor=request.user,
                obj=target,
                uploaded_file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("“%(name)s” is toegevoegd.") % {"name": attachment.original_name})
            if getattr(request, "htmx", False):
                context = attachment_panel_context(user=request.user, obj=target, next_url=next_url)
                return render(request, "core/partials/attachments.html", context)
            return redirect(next_url)
    context = {"form": form, "target": target, "next": next_url, "max_bytes": settings.ATTACHMENT_MAX_BYTES}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "core/attachments_upload.html", context, status=status)


@declare("core.delete_attachment")
def attachment_delete_view(request, uuid):
    """GET asks for confirmation; only POST deletes."""
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), uuid=uuid)
    if not request.user.has_perm("core.delete_attachment", attachment):
        return deny(
            request, visible=request.user.is_authenticated and request.user.has_perm("core.view_attachment", attachment)
        )
    owner = attachment.content_object
    next_url = safe_next(request, _owner_url(owner))
    if request.method == "POST":
        name = attachment.original_name
        attachment_delete(actor=request.user, attachment=attachment)
        messages.success(request, _("“%(name)s” is verwijderd.") % {"name": name})
        return redirect(next_url)
    return render(
        request, "core/attachments_confirm_delete.html", {"attachment": attachment, "owner": owner, "next": next_url}
    )
