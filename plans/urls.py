from django.urls import path, register_converter

from . import import_views, views


class RowKindConverter:
    """The kinds of rows a plan holds, as they appear in URLs (French words)."""

    regex = "|".join(views.ROWS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RowKindConverter, "row")

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nouveau/", views.plan_create, name="create"),
    path("importer/", import_views.plan_import, name="import"),
    path("importer/confirmer/", import_views.plan_import_confirm, name="import_confirm"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/modifier/", views.plan_update, name="update"),
    path("<int:pk>/supprimer/", views.plan_delete, name="delete"),
    path("<int:pk>/etat/", views.plan_transition, name="transition"),
    path("<int:pk>/rouvrir/", views.plan_reopen, name="reopen"),
    path("<int:pk>/bilan/", views.plan_bilan, name="bilan"),
    path("<int:pk>/historique/", views.plan_history, name="history"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="pdf"),
    path("<int:pk>/bilan.pdf", views.bilan_pdf, name="bilan_pdf"),
    path("<int:pk>/plan.docx", views.plan_docx, name="docx"),
    path("<int:pk>/bilan.docx", views.bilan_docx, name="bilan_docx"),
    path("<int:pk>/actions.xlsx", views.plan_xlsx, name="xlsx"),
    path("<int:pk>/reconduire/", views.plan_carry_over, name="carry_over"),
    path("affilies/<slug:affiliate>/", views.affiliate_plans, name="affiliate_plans"),
    path("affilies/<slug:affiliate>/<int:pk>/plan.pdf", views.affiliate_plan_pdf,
         name="affiliate_plan_pdf"),
    path("<row:kind>/<int:parent>/ajouter/", views.row_create, name="row_create"),
    path("<row:kind>/<int:pk>/modifier/", views.row_update, name="row_update"),
    path("<row:kind>/<int:pk>/supprimer/", views.row_delete, name="row_delete"),
    path("<row:kind>/<int:pk>/deplacer/", views.row_move, name="row_move"),
    path("<row:kind>/<int:parent>/lignes/", views.lines_add, name="lines_add"),
    path("<row:kind>/<int:pk>/resultat/", views.action_outcome, name="action_outcome"),
    path("<row:kind>/<int:pk>/edition/", views.row_editing, name="row_editing"),
]
