"""Login, sign-up, e-mail verification, own profile and password pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from rules.contrib.views import PermissionRequiredMixin

from apps.core.forms import add_change_reason_field
from apps.core.permissions import permission_view, public_view
from apps.core.views.generic import apply_validation_error

from .. import services
from ..forms import UNVERIFIED_CODE, LoginForm, ProfileForm, ResendVerificationForm, SignupForm
from ..tokens import ExpiredToken, InvalidToken


def _with_language_cookie(response, language: str):
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


@public_view
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        return _with_language_cookie(response, form.get_user().preferred_language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["unverified"] = any(e.code == UNVERIFIED_CODE for e in form.errors.as_data().get("__all__", []))
        return context


@public_view
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a password through a mailed link also proves the address."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.email_mark_verified(user=form.user, reason=_("Wachtwoord ingesteld via de link in de mail"))
        return response


@public_view
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.citizen_signup(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            request.session["signup_email"] = data["email"]
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


@public_view
def signup_done(request):
    return render(request, "accounts/signup_done.html", {"email": request.session.get("signup_email", "")})


@public_view
def verify_email(request, token: str):
    try:
        user = services.email_verify(token=token)
    except ExpiredToken:
        return render(request, "accounts/verify_email_failed.html", {"expired": True}, status=400)
    except InvalidToken:
        return render(request, "accounts/verify_email_failed.html", {"expired": False}, status=400)
    if request.user.is_authenticated and request.user.pk == user.pk:
        messages.success(request, _("Je e-mailadres is bevestigd."))
        return redirect("accounts:profile")
    messages.success(request, _("Je e-mailadres is bevestigd. Je kunt nu aanmelden."))
    return redirect("accounts:login")


@public_view
@require_http_methods(["GET", "POST"])
def verify_email_resend(request):
    form = ResendVerificationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.email_verification_resend(email=form.cleaned_data["email"], request=request)
        # The same answer whether or not the address has an account.
        messages.success(
            request,
            _("Als er een onbevestigd account met dit adres bestaat, hebben we een nieuwe link gestuurd."),
        )
        return redirect("accounts:login")
    return render(request, "accounts/verify_email_resend.html", {"form": form})


@permission_view("accounts.change_own_profile")
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=user)
    add_change_reason_field(form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.profile_update(
            actor=user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            preferred_language=data["preferred_language"],
            reason=data.get("change_reason", ""),
        )
        messages.success(request, _("Je profiel is bewaard."))
        return _with_language_cookie(redirect("accounts:profile"), data["preferred_language"])
    return render(request, "accounts/profile.html", {"form": form, "profile_user": user})


class PasswordChangeView(PermissionRequiredMixin, auth_views.PasswordChangeView):
    permission_required = "accounts.change_own_profile"
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(PermissionRequiredMixin, auth_views.PasswordChangeDoneView):
    permission_required = "accounts.change_own_profile"
    template_name = "accounts/password_change_done.html"
