from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from apps.core.permissions import public_view

from .views import auth, teams, users

app_name = "accounts"

urlpatterns = [
    # Authentication
    path("inloggen/", auth.LoginView.as_view(), name="login"),
    # Django 5 logs out on POST only; the header's button posts here.
    path("uitloggen/", public_view(auth_views.LogoutView.as_view()), name="logout"),
    path("registreren/", auth.signup, name="signup"),
    path("registreren/verstuurd/", auth.signup_done, name="signup_done"),
    path("bevestigen/<str:token>/", auth.verify_email, name="verify_email"),
    path("bevestigen-opnieuw/", auth.verify_email_resend, name="verify_email_resend"),
    path(
        "wachtwoord-vergeten/",
        public_view(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_reset_form.html",
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        public_view(auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        public_view(
            auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
        ),
        name="password_reset_complete",
    ),
    # Own profile
    path("profiel/", auth.profile, name="profile"),
    path("profiel/wachtwoord/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("profiel/wachtwoord/gewijzigd/", auth.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # User management
    path("gebruikers/", users.UserListView.as_view(), name="user_list"),
    path("gebruikers/nieuw/", users.UserCreateView.as_view(), name="user_create"),
    path("gebruikers/<int:pk>/", users.UserDetailView.as_view(), name="user_detail"),
    path("gebruikers/<int:pk>/geschiedenis/", users.UserHistoryView.as_view(), name="user_history"),
    path("gebruikers/<int:pk>/bewerken/", users.UserEditView.as_view(), name="user_edit"),
    path("gebruikers/<int:pk>/deactiveren/", users.user_deactivate, name="user_deactivate"),
    path("gebruikers/<int:pk>/uitnodiging/", users.user_send_invitation, name="user_send_invitation"),
    # Teams
    path("teams/", teams.TeamListView.as_view(), name="team_list"),
    path("teams/nieuw/", teams.TeamCreateView.as_view(), name="team_create"),
    path("teams/<slug:slug>/", teams.TeamDetailView.as_view(), name="team_detail"),
    path("teams/<slug:slug>/geschiedenis/", teams.TeamHistoryView.as_view(), name="team_history"),
    path("teams/<slug:slug>/bewerken/", teams.TeamEditView.as_view(), name="team_edit"),
    path("teams/<slug:slug>/verwijderen/", teams.TeamDeleteView.as_view(), name="team_delete"),
]
