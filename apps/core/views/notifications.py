"""The notification list: the user's own, unread first, with mark-read actions and the e-mail preference."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from apps.core.forms import NotificationPreferenceForm
from apps.core.models import Notification
from apps.core.permissions import permission_view
from apps.core.selectors.notifications import notification_list, notification_preference_of
from apps.core.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preference_set,
)
from apps.core.views.access import declare, deny, safe_next


@permission_view("core.view_notifications")
def notifications(request):
    page = Paginator(notification_list(user=request.user), 25).get_page(request.GET.get("page"))
    preference_form = NotificationPreferenceForm(initial={"email_mode": notification_preference_of(user=request.user)})
    return render(
        request,
        "core/notifications.html",
        {"page_obj": page, "notifications": page.object_list, "preference_form": preference_form},
    )


@require_POST
@declare("core.change_notification")
def notification_read(request, pk: int):
    """Mark one notification read, then follow its link (or return to the list)."""
    notification = get_object_or_404(Notification, pk=pk)
    if not request.user.has_perm("core.change_notification", notification):
        return deny(request, visible=False)
    notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("follow") and url_has_allowed_host_and_scheme(notification.url, {request.get_host()}):
        return redirect(notification.url)
    return redirect(safe_next(request, "core:notifications"))


@require_POST
@permission_view("core.view_notifications")
def notifications_read_all(request):
    count = notification_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext("%(count)d melding als gelezen gemarkeerd.", "%(count)d meldingen als gelezen gemarkeerd.", count)
        % {"count": count},
    )
    return redirect("core:notifications")


@require_POST
@permission_view("core.change_notificationpreference")
def notification_preferences(request):
    form = NotificationPreferenceForm(request.POST)
    if form.is_valid():
        notification_preference_set(actor=request.user, email_mode=form.cleaned_data["email_mode"])
        messages.success(request, _("Je voorkeur voor meldingen is bewaard."))
    else:
        messages.error(request, _("Kies hoe je meldingen per e-mail wilt ontvangen."))
    return redirect("core:notifications")
