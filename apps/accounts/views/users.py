"""User management for cell staff: list, detail, history, create, edit, deactivate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.forms import ConfirmForm, add_change_reason_field
from apps.core.permissions import permission_view
from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    Tab,
    apply_validation_error,
)

from .. import services
from ..filters import UserFilterSet
from ..forms import UserForm
from ..models import User
from ..selectors import user_list
from ..tables import UserTable

USER_TABS = [
    Tab(gettext_lazy("Overzicht"), "accounts:user_detail"),
    Tab(gettext_lazy("Geschiedenis"), "accounts:user_history"),
]


class UserListView(ObjectListView):
    permission_required = "accounts.manage_users"
    model = User
    selector = staticmethod(user_list)
    filterset_class = UserFilterSet
    table_class = UserTable
    title = gettext_lazy("Gebruikers")
    create_url_name = "accounts:user_create"
    create_permission = "accounts.manage_users"
    export_name = "gebruikers"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Flag the page as soon as invented accounts are among the results.
        context["shows_demo_data"] = self.object_list.filter(is_demo=True).exists()
        return context


class UserObjectMixin:
    """Every account page loads the account unscoped and lets the rule decide (403, not 404)."""

    model = User

    def get_queryset(self):
        return User.objects.prefetch_related("groups", "teams")


class UserDetailView(UserObjectMixin, ObjectDetailView):
    permission_required = "accounts.view_user"
    template_name = "accounts/user_detail.html"
    tabs = USER_TABS
    active_tab = "overview"
    edit_url_name = "accounts:user_edit"
    edit_permission = "accounts.change_user"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = self.object
        context.update(
            subject=subject,
            is_self=subject.pk == self.request.user.pk,
            needs_password=not subject.has_usable_password(),
        )
        return context


class UserHistoryView(UserObjectMixin, ObjectHistoryView):
    permission_required = "accounts.view_user"
    tabs = USER_TABS
    edit_url_name = "accounts:user_edit"
    edit_permission = "accounts.change_user"


class UserCreateView(ObjectCreateView):
    permission_required = "accounts.manage_users"
    model = User
    form_class = UserForm
    title = gettext_lazy("Nieuwe gebruiker")
    success_message = gettext_lazy("De gebruiker is aangemaakt en heeft een mail gekregen om een wachtwoord te kiezen.")

    def save(self, form):
        data = form.cleaned_data
        return services.user_create(
            actor=self.request.user,
            username=data["username"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            roles=data["roles"],
            teams=data["teams"],
            reason=data.get("change_reason", ""),
            request=self.request,
        )


class UserEditView(UserObjectMixin, ObjectEditView):
    permission_required = "accounts.change_user"
    form_class = UserForm
    title = gettext_lazy("Gebruiker bewerken")

    def save(self, form):
        data = form.cleaned_data
        return services.user_update(
            actor=self.request.user,
            user=self.object,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            is_active=data["is_active"],
            roles=data["roles"],
            teams=data["teams"],
            reason=data.get("change_reason", ""),
        )


def _account(request, pk: int) -> User:
    return get_object_or_404(User, pk=pk)


@permission_view("accounts.change_user", get_object=_account)
@require_http_methods(["GET", "POST"])
def user_deactivate(request, pk: int):
    """Accounts are deactivated, never deleted; GET asks for confirmation."""
    subject = _account(request, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    add_change_reason_field(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_deactivate(actor=request.user, user=subject, reason=form.cleaned_data["change_reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Het account van %(user)s is gedeactiveerd.") % {"user": subject})
            return redirect(subject.get_absolute_url())
    return render(request, "accounts/user_confirm_deactivate.html", {"form": form, "subject": subject})


@permission_view("accounts.change_user", get_object=_account)
@require_POST
def user_send_invitation(request, pk: int):
    subject = _account(request, pk)
    services.user_send_invitation(actor=request.user, user=subject, request=request)
    messages.success(request, _("Er is een nieuwe mail gestuurd naar %(email)s.") % {"email": subject.email})
    return redirect(subject.get_absolute_url())
