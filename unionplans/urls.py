from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import invitation_views, member_views, my_actions, privacy_views, sessions, views
from .accounts import ThrottledPasswordResetForm
from .mail import mail_configured

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mes-actions/", my_actions.my_actions, name="my_actions"),
    path("o/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("o/<slug:slug>/membres.pdf", views.member_list_pdf, name="member_list_pdf"),
    path("o/<slug:slug>/membres/", member_views.member_list, name="members"),
    path("o/<slug:slug>/membres/<int:pk>/modifier/", member_views.member_update,
         name="member_update"),
    path("o/<slug:slug>/membres/<int:pk>/desactiver/", member_views.member_deactivate,
         name="member_deactivate"),
    path("o/<slug:slug>/membres/<int:pk>/reactiver/", member_views.member_reactivate,
         name="member_reactivate"),
    path("o/<slug:slug>/membres/importer/", member_views.member_import, name="member_import"),
    path("o/<slug:slug>/membres/importer/confirmer/", member_views.member_import_confirm,
         name="member_import_confirm"),
    path("o/<slug:slug>/membres/<int:pk>/effacer/", privacy_views.member_erase,
         name="member_erase"),
    path("o/<slug:slug>/confidentialite/", privacy_views.privacy_page, name="privacy"),
    path("o/<slug:slug>/confidentialite/responsable/", privacy_views.privacy_officer,
         name="privacy_officer"),
    path("compte/", privacy_views.account, name="account"),
    path("compte/deconnexion-partout/", privacy_views.logout_everywhere,
         name="logout_everywhere"),
    path("compte/mes-donnees.json", privacy_views.account_data, name="account_data"),
    path("o/<slug:slug>/affilies/", views.affiliates, name="affiliates"),
    path("o/<slug:slug>/partage/", views.organization_sharing, name="organization_sharing"),
    path("o/<slug:slug>/membres/invitations/", invitation_views.invitation_create,
         name="invitation_create"),
    path("o/<slug:slug>/membres/invitations/<int:pk>/renvoyer/",
         invitation_views.invitation_resend, name="invitation_resend"),
    path("o/<slug:slug>/membres/invitations/<int:pk>/revoquer/",
         invitation_views.invitation_revoke, name="invitation_revoke"),
    path("invitation/", invitation_views.invitation_resume, name="invitation_resume"),
    path("invitation/<str:token>/", invitation_views.invitation_accept,
         name="invitation_accept"),
    path("o/<slug:slug>/plans/", include("plans.urls")),
    path("o/<slug:slug>/vpp/", include("vpp.urls")),
    path("o/<slug:slug>/entraide/", include("entraide.urls")),
    path("connexion/", sessions.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            form_class=ThrottledPasswordResetForm,
            extra_context={"mail_configured": mail_configured},
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sante/", views.health, name="health"),
    path("admin/", admin.site.urls),
]
