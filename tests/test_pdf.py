"""The PDF pipeline, proven on the member list of an organization.

PDFs are read back with poppler's real tools (`pdftotext`, `pdfinfo`, `pdffonts`).
"""

import re
import socket
import threading
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.templatetags.static import static
from django.urls import reverse
from PIL import Image  # Pillow comes with WeasyPrint
from weasyprint import HTML

from tests.helpers import poppler
from unionplans import members, pdf
from unionplans.models import Membership

FRENCH_DATE = r"(1er|\d{1,2}) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}"  # noqa: E501


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def member_list(cc):
    return reverse("member_list_pdf", args=[cc.slug])


@pytest.fixture
def listener():
    """A TCP socket listening on a free local port, that nobody answers.

    The kernel completes the handshake of any connection to it and queues it, before the
    client's connect() returns: once a render has returned, `connections()` (accepting
    without blocking) counts every connection it made, with no waiting and no race.
    """
    server = socket.create_server(("127.0.0.1", 0), backlog=32)
    server.setblocking(False)

    def connections():
        count = 0
        while True:
            try:
                connection, _ = server.accept()
            except BlockingIOError:
                return count
            connection.close()
            count += 1

    yield SimpleNamespace(port=server.getsockname()[1], connections=connections)
    server.close()


@pytest.fixture
def answering_listener():
    """A TCP server on a free local port that answers 404 and records every request.

    A request is recorded before it is answered, and WeasyPrint waits for the answer: once
    a render has returned, `hits` holds every request it made.
    """
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    hits, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            hits.append(connection.recv(1024))
            connection.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield SimpleNamespace(port=server.getsockname()[1], hits=hits)
    stop.set()
    thread.join()
    server.close()


# The document itself


def test_the_member_list_is_a_real_french_pdf(login, executif, conseiller, membre, member_list,
                                              tmp_path):
    response = login(executif).get(member_list)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'inline; filename="membres-et-roles-ccsne.pdf"'
    text = poppler("pdftotext", response.content, tmp_path, "-layout")
    assert "Membres et rôles — CCSNE" in text
    assert "Conseil central des syndicats nationaux de l'Estrie" in text
    for line in ["Denis Gagnon", "Membre de l'exécutif", "Mario Bélanger",
                 "Conseillère ou conseiller", "Josée Côté"]:
        assert line in text
    assert re.search(f"Imprimé le {FRENCH_DATE}", text)
    assert "page 1 / 1" in text
    info = poppler("pdfinfo", response.content, tmp_path)
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", info)
    assert "Title:           Membres et rôles — CCSNE" in info


def test_the_pdf_embeds_the_shipped_font(login, executif, member_list, tmp_path):
    fonts = poppler("pdffonts", login(executif).get(member_list).content, tmp_path)
    assert "Open-Sans" in fonts
    assert "Open-Sans-Bold" in fonts


def test_the_pdf_is_french_whatever_the_page_language(login, executif, member_list, tmp_path):
    client = login(executif)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "My organizations" in client.get(reverse("dashboard")).content.decode()

    text = poppler("pdftotext", client.get(member_list).content, tmp_path)
    assert "Membres et rôles" in text
    assert "Members and roles" not in text


# Who may download it


def test_the_conseiller_may_download_it(login, conseiller, member_list):
    assert login(conseiller).get(member_list).status_code == 200


def test_a_membre_is_refused(login, membre, member_list):
    response = login(membre).get(member_list)
    assert response.status_code == 403
    assert not response.content.startswith(b"%PDF")


@pytest.mark.parametrize("person", ["executif2", "outsider"])
def test_another_organization_gets_404(request, login, person, member_list):
    response = login(request.getfixturevalue(person)).get(member_list)
    assert response.status_code == 404


def test_an_unknown_organization_gets_404(login, executif):
    assert login(executif).get(reverse("member_list_pdf", args=["inconnue"])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, member_list):
    response = client.get(member_list)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Versions, conditional requests and the cache


def test_a_repeat_with_the_etag_gets_304(login, executif, member_list):
    client = login(executif)
    first = client.get(member_list)
    assert first["ETag"]

    repeat = client.get(member_list, headers={"if-none-match": first["ETag"]})
    assert repeat.status_code == 304
    assert repeat.content == b""


def test_a_repeat_as_browsers_send_it_gets_304(login, executif, member_list):
    client = login(executif)
    first = client.get(member_list)
    assert first["Last-Modified"]
    headers = {"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]}
    assert client.get(member_list, headers=headers).status_code == 304


def assert_new_version(client, url, old_response, expected_text, tmp_path):
    response = client.get(url, headers={"if-none-match": old_response["ETag"]})
    assert response.status_code == 200
    assert response["ETag"] != old_response["ETag"]
    assert expected_text(poppler("pdftotext", response.content, tmp_path))


def test_a_role_change_makes_a_new_version(login, executif, membre, member_list, tmp_path):
    client = login(executif)
    first = client.get(member_list)
    members.membership_change(membership=Membership.objects.get(user=membre), by=executif,
                              role=Membership.Role.EXECUTIVE)
    assert_new_version(client, member_list, first,
                       lambda text: text.count("Membre de l'exécutif") == 2, tmp_path)


def test_a_renamed_person_makes_a_new_version(login, executif, membre, member_list, tmp_path):
    client = login(executif)
    first = client.get(member_list)
    membre.first_name = "Josiane"
    membre.save()
    assert_new_version(client, member_list, first, lambda text: "Josiane Côté" in text, tmp_path)


def test_a_new_username_shown_for_a_nameless_person_makes_a_new_version(
    login, executif, membre, member_list, tmp_path
):
    membre.first_name = membre.last_name = ""
    membre.save()
    client = login(executif)
    first = client.get(member_list)
    membre.username = "josee.cote"
    membre.save()
    assert_new_version(client, member_list, first, lambda text: "josee.cote" in text, tmp_path)


def test_a_removed_member_makes_a_new_version(login, executif, membre, member_list, tmp_path):
    client = login(executif)
    first = client.get(member_list)
    Membership.objects.filter(user=membre).delete()
    assert_new_version(client, member_list, first, lambda text: "Josée" not in text, tmp_path)


def test_a_stale_if_modified_since_gets_the_new_pdf(login, executif, membre, member_list):
    """A deletion does not move Last-Modified: only the ETag may answer 304."""
    client = login(executif)
    first = client.get(member_list)
    Membership.objects.filter(user=membre).delete()
    response = client.get(member_list, headers={"if-modified-since": first["Last-Modified"]})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_rendered_pdf_is_cached_by_version(login, executif, member_list):
    client = login(executif)
    response = client.get(member_list)
    key = "pdf:" + response["ETag"].strip('"')
    assert cache.get(key) == response.content

    # The next request is answered from the cache, not rendered again.
    cache.set(key, b"%PDF-from-the-cache")
    assert client.get(member_list).content == b"%PDF-from-the-cache"


# User text and URLs


def test_user_text_holding_markup_is_printed_as_text(login, executif, cc, member_list, listener,
                                                     tmp_path):
    cc.name = (
        f'<img src="http://127.0.0.1:{listener.port}/"> <img src="file:///etc/passwd"> Estrie'
    )
    cc.save()

    response = login(executif).get(member_list)

    assert response.status_code == 200
    assert listener.connections() == 0
    text = poppler("pdftotext", response.content, tmp_path)
    assert f'<img src="http://127.0.0.1:{listener.port}/">' in text
    assert '<img src="file:///etc/passwd">' in text


def embedded_images(document: bytes, tmp_path) -> int:
    listing = poppler("pdfimages", document, tmp_path, "-list").splitlines()
    return len(listing) - 2  # two header lines


def hostile_html(port: int, secret_css) -> str:
    return f"""<html><head>
      <link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
      <link rel="stylesheet" href="file://{secret_css}">
      <style>
        @import url("http://127.0.0.1:{port}/import.css");
        @font-face {{ font-family: X; src: url("http://127.0.0.1:{port}/font.ttf"); }}
        body {{ background: url("http://127.0.0.1:{port}/bg.png"); font-family: X; }}
      </style></head><body>
      <p>Texte de l’utilisateur</p>
      <img src="http://127.0.0.1:{port}/image.png">
      <img src="https://127.0.0.1:{port}/image.png">
      <img src="file://{secret_css.with_name("secret.png")}">
      <object data="file://{secret_css.with_name("secret.png")}"></object>
      <img src="file:///etc/passwd">
      <embed src="http://127.0.0.1:{port}/embed">
      <iframe src="http://127.0.0.1:{port}/frame"></iframe>
      <img src="/static/../../../../etc/passwd">
    </body></html>"""


@pytest.fixture
def secret_css(tmp_path):
    """Local files outside static: a stylesheet that would print a marker, an image."""
    Image.new("RGB", (8, 8), "red").save(tmp_path / "secret.png")
    path = tmp_path / "secret.css"
    path.write_text('body::before { content: "FICHIER-LU-SUR-LE-DISQUE"; }')
    return path


def test_the_fetcher_reaches_no_url_and_reads_no_file(listener, secret_css, tmp_path):
    document = pdf.html_to_pdf(hostile_html(listener.port, secret_css))

    assert listener.connections() == 0
    text = poppler("pdftotext", document, tmp_path)
    assert "Texte de l’utilisateur" in text
    assert "FICHIER-LU-SUR-LE-DISQUE" not in text
    assert embedded_images(document, tmp_path) == 0


def test_without_our_fetcher_the_same_html_does_reach_out(answering_listener, secret_css,
                                                         tmp_path):
    """The control: proves the test above would see a leak if the fetcher let one through."""
    html = hostile_html(answering_listener.port, secret_css)
    document = HTML(string=html, base_url=pdf.BASE_URL).write_pdf()

    assert answering_listener.hits
    assert "FICHIER-LU-SUR-LE-DISQUE" in poppler("pdftotext", document, tmp_path)
    assert embedded_images(document, tmp_path) >= 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/static/css/print.css",
        "https://example.org/static/css/print.css",
        "file:///etc/passwd",
        "file:///static/css/print.css",
        "data:text/css,body{}",
        "ftp://unionplans.invalid/static/css/print.css",
        "https://unionplans.invalid/etc/passwd",
        "https://unionplans.invalid/static/../../etc/passwd",
        "https://unionplans.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://unionplans.invalid/static//etc/passwd",
        "https://unionplans.invalid/static/css\\..\\..\\settings.py",
        "https://unionplans.invalid/static/",
        "https://unionplans.invalid/static/css/nothing-here.css",
        "https://unionplans.invalid:8080/static/css/print.css",
        "https://user@unionplans.invalid/static/css/print.css",
    ],
)
def test_the_fetcher_refuses(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.static_file_for(url)


def test_the_fetcher_serves_our_static_files_as_templates_name_them():
    # In production `{% static %}` gives hashed names from the manifest.
    for name in ["css/print.css", "fonts/OpenSans-Regular.ttf"]:
        path = pdf.static_file_for(pdf.BASE_URL + static(name).lstrip("/"))
        assert path.is_file()
        assert path.stat().st_size > 0
