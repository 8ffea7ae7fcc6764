from django.urls import path

from . import import_views, views

app_name = "entraide"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouveau/", views.plan_create, name="plan_create"),
    path("importer/", import_views.plan_import, name="import"),
    path("importer/confirmer/", import_views.plan_import_confirm, name="import_confirm"),
    path("vierge.pdf", views.blank_pdf, name="blank_pdf"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/modifier/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/historique/", views.plan_history, name="plan_history"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/plan.docx", views.plan_docx, name="plan_docx"),
    path("<int:pk>/bilan/", views.plan_close, name="plan_close"),
    path("<int:pk>/annee-suivante/", views.plan_next_year, name="plan_next_year"),
    path("<int:pk>/modele/", views.plan_save_as_template, name="plan_save_as_template"),
    path("<int:pk>/lignes/ajouter/", views.row_add, name="row_add"),
    path("<int:pk>/lignes/<int:row_pk>/modifier/", views.row_edit, name="row_edit"),
    path("<int:pk>/lignes/<int:row_pk>/supprimer/", views.row_delete, name="row_delete"),
    path("<int:pk>/lignes/<int:row_pk>/deplacer/", views.row_move, name="row_move"),
    path("<int:pk>/lignes/<int:row_pk>/etat/", views.row_state, name="row_state"),
]
