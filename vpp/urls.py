from django.urls import path

from . import le28_views, views

app_name = "vpp"

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("dossiers.xlsx", views.dossier_xlsx, name="dossier_xlsx"),
    path("nouveau/", views.dossier_create, name="dossier_create"),
    path("<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("<int:pk>/modifier/", views.dossier_edit, name="dossier_edit"),
    path("<int:pk>/historique/", views.dossier_history, name="dossier_history"),
    path("<int:pk>/enquete/", views.dossier_findings, name="dossier_findings"),
    path("<int:pk>/avancer/", views.dossier_advance, name="dossier_advance"),
    path("<int:pk>/reculer/", views.dossier_go_back, name="dossier_go_back"),
    path("<int:pk>/rapport.pdf", views.dossier_report_pdf, name="dossier_report_pdf"),
    path("affilies/<slug:affiliate>/", views.affiliate_dossiers, name="affiliate_dossiers"),
    path("affilies/<slug:affiliate>/<int:pk>/rapport.pdf", views.affiliate_dossier_pdf,
         name="affiliate_dossier_pdf"),
    path("<int:pk>/taches/nouvelle/", views.task_edit, name="task_create"),
    path("<int:pk>/taches/<int:task_pk>/", views.task_edit, name="task_edit"),
    path("<int:pk>/questionnaires/<str:kind>/", views.questionnaire_edit,
         name="questionnaire_edit"),
    path("<int:pk>/analyse-financiere/", views.financial_analysis_edit,
         name="financial_analysis_edit"),
    path("<int:pk>/echeances/nouvelle/", views.deadline_edit, name="deadline_create"),
    path("<int:pk>/echeances/<int:deadline_pk>/", views.deadline_edit, name="deadline_edit"),
    path("veille/", views.veille_list, name="veille_list"),
    path("veille/nouveau/", views.veille_edit, name="veille_create"),
    path("veille/<int:pk>/", views.veille_detail, name="veille_detail"),
    path("veille/<int:pk>/modifier/", views.veille_edit, name="veille_edit"),
    path("veille/<int:pk>/lier/", views.veille_link, name="veille_link"),
    # Seed 003: bulletins of the information watch
    path("veille/bulletins/nouveau/", views.bulletin_edit, name="bulletin_create"),
    path("veille/bulletins/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("veille/bulletins/<int:pk>/modifier/", views.bulletin_edit, name="bulletin_edit"),
    # Seed 000: the organisation's VPP structure, deployment plan and blank tools
    path("structure/", views.structure, name="structure"),
    path("structure/modifier/", views.structure_edit, name="structure_edit"),
    path("structure/deploiement/nouveau/", views.deployment_step_edit,
         name="deployment_step_create"),
    path("structure/deploiement/<int:pk>/", views.deployment_step_edit,
         name="deployment_step_edit"),
    path("outils/<str:kind>.pdf", views.blank_tool_pdf, name="blank_tool_pdf"),
]

# Lettre d'entente 28 (vpp/le28_views.py)
urlpatterns += [
    path("le28/", le28_views.project_list, name="le28_list"),
    path("le28/nouveau/", le28_views.project_edit, name="le28_create"),
    path("le28/<int:pk>/", le28_views.project_detail, name="le28_detail"),
    path("le28/<int:pk>/modifier/", le28_views.project_edit, name="le28_edit"),
    path("le28/<int:pk>/fiche.pdf", le28_views.project_pdf, name="le28_pdf"),
    path("le28/<int:pk>/phases/<int:phase>/", le28_views.phase_edit, name="le28_phase_edit"),
    path("le28/<int:pk>/decisions/<int:item>/", le28_views.decision_edit,
         name="le28_decision_edit"),
    path("le28/<int:pk>/indicateurs/<int:indicator>/", le28_views.assessment_edit,
         name="le28_assessment_edit"),
    path("le28/<int:pk>/comite/nouveau/", le28_views.member_edit, name="le28_member_create"),
    path("le28/<int:pk>/comite/<int:member_pk>/", le28_views.member_edit,
         name="le28_member_edit"),
    path("le28/<int:pk>/comite/<int:member_pk>/retirer/", le28_views.member_delete,
         name="le28_member_delete"),
]
