"""The room poster and the session check-in code: who may open them, what they print, and that
their QR codes hold the right addresses."""

import re
import shutil
import subprocess

import pytest
import segno
from django.urls import reverse

from checkins.models import CheckinCode, RoomPoster
from checkins.qr import qr_png
from tests.factories import ConvenershipFactory, SessionFactory, UserFactory
from tests.roles import cases, table

pytestmark = pytest.mark.django_db

BASE = "https://ysh.example.cn"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.PORTAL_BASE_URL = BASE


def _client_for(client, user):
    if user.is_authenticated:
        client.force_login(user)
    return client


POSTER_PAGES = ["workspace:room_poster", "workspace:room_poster_pdf"]
SESSION_PAGES = ["workspace:session_checkin", "workspace:session_checkin_pdf"]
ALLOWED = table("convener", "staff", "superuser")


@pytest.mark.parametrize(("name", "role", "allowed"), cases({name: ALLOWED for name in POSTER_PAGES + SESSION_PAGES}))
def test_permission_matrix(client, users_by_role, room, name, role, allowed):
    """Those who run the room open its poster and its sessions' codes; anyone else logged in gets
    404 (not yours reads as does not exist), anonymous is sent to log in."""
    user = users_by_role[role]
    target = room.pk if name in POSTER_PAGES else SessionFactory(room=room).pk
    response = _client_for(client, user).get(reverse(name, args=[target]))
    if allowed:
        assert response.status_code == 200
    elif role in ("anonymous", "inactive_convener"):  # an inactive account is logged out
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 404


def test_street_staff_open_their_street_only(client, room, other_room):
    from rooms.models import StreetStaff

    user = UserFactory(username="street-staff")
    StreetStaff.objects.create(user=user, street=room.street)
    client.force_login(user)
    assert client.get(reverse("workspace:room_poster", args=[room.pk])).status_code == 200
    if other_room.street_id != room.street_id:
        assert client.get(reverse("workspace:room_poster", args=[other_room.pk])).status_code == 404


def test_poster_prints_the_public_details_and_no_personal_phone(client, room, convener):
    room.public_phone = "0513-85551234"
    room.save()
    convener.full_name = "王召集"
    convener.phone = "13900001111"
    convener.save()
    nameless = UserFactory(username="13712345678", full_name="", phone="13712345678")
    ConvenershipFactory(user=nameless, room=room)
    RoomPoster.objects.create(room=room, opening_hours="每周三下午 2:00—5:00")
    client.force_login(convener)
    body = client.get(reverse("workspace:room_poster", args=[room.pk])).content.decode()
    assert room.name in body
    assert "王召集" in body
    assert "0513-85551234" in body
    assert "每周三下午 2:00—5:00" in body
    for personal in ("13900001111", "13712345678", convener.email):
        assert personal not in body
    assert body.count('<svg role="img" viewBox') == 2
    assert f"{BASE}/rooms/{room.pk}/" in body


def test_poster_opening_hours_are_set_on_the_page(client, room, convener):
    client.force_login(convener)
    url = reverse("workspace:room_poster", args=[room.pk])
    response = client.post(url, {"opening_hours": "工作日 9:00—17:00"}, follow=True)
    assert "已更新海报上的开放时间。" in response.content.decode()
    assert RoomPoster.objects.get(room=room).opening_hours == "工作日 9:00—17:00"
    too_long = "长" * 101
    response = client.post(url, {"opening_hours": too_long})
    assert response.status_code == 400
    assert "开放时间最多 100 个字" in response.content.decode()
    assert too_long in response.content.decode()  # nothing typed is lost


def test_poster_qr_codes_hold_the_room_page_and_its_suggestion_form(room):
    from checkins.selectors import room_page_url, room_suggestion_url

    assert room_page_url(room) == f"{BASE}/rooms/{room.pk}/"
    assert room_suggestion_url(room) == f"{BASE}/rooms/{room.pk}/#suggest"


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed; .ci/run installs it")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_poster_pdf_is_one_a4_page_with_the_room(client, room, convener, tmp_path):
    room.public_phone = "0513-85551234"
    room.save()
    convener.full_name = "王召集"
    convener.save()
    client.force_login(convener)
    response = client.get(reverse("workspace:room_poster_pdf", args=[room.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="room-{room.pk}-poster.pdf"'
    text = _pdf_text(response.content, tmp_path)
    compact = "".join(text.split())
    assert "".join(room.name.split()) in compact
    assert "王召集" in compact
    assert "0513-85551234" in compact
    assert "扫码提议题" in compact
    assert convener.phone not in compact
    info = subprocess.run(["pdfinfo", str(tmp_path / "out.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, flags=re.M)
    assert "(A4)" in info
    # The codes on the printed page itself: the page rendered at 150 dpi, then decoded.
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "out.pdf"), str(tmp_path / "page")], check=True)
    decoded = _zbar((tmp_path / "page-1.png").read_bytes(), tmp_path).splitlines()
    assert sorted(decoded) == [f"{BASE}/rooms/{room.pk}/", f"{BASE}/rooms/{room.pk}/#suggest"]


def test_session_checkin_page_makes_one_code_and_shows_counts(client, room, convener, tmp_path):
    session = SessionFactory(room=room, topic="停车难协商")
    client.force_login(convener)
    body = client.get(reverse("workspace:session_checkin", args=[session.pk])).content.decode()
    client.get(reverse("workspace:session_checkin", args=[session.pk]))
    code = CheckinCode.objects.get(session=session)
    assert len(code.token) >= 22
    assert f"{BASE}/checkin/{code.token}/" in body
    assert "已签到 0 人" in body
    pdf = client.get(reverse("workspace:session_checkin_pdf", args=[session.pk]))
    assert pdf["Content-Disposition"] == f'attachment; filename="session-{session.pk}-checkin.pdf"'
    assert "停车难协商" in "".join(_pdf_text(pdf.content, tmp_path).split())
    # The code printed on the PDF page opens the check-in page.
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "out.pdf"), str(tmp_path / "page")], check=True)
    assert _zbar((tmp_path / "page-1.png").read_bytes(), tmp_path) == f"{BASE}/checkin/{code.token}/"


def test_tokens_are_unguessable_and_distinct(client, room, convener):
    client.force_login(convener)
    sessions = [SessionFactory(room=room) for _ in range(5)]
    for session in sessions:
        client.get(reverse("workspace:session_checkin", args=[session.pk]))
    tokens = set(CheckinCode.objects.values_list("token", flat=True))
    assert len(tokens) == 5
    assert not any(str(session.pk) == token for session in sessions for token in tokens)


# ---- the QR codes decode to the right address ------------------------------------------------------


def _zbar(png: bytes, tmp_path) -> str:
    if not shutil.which("zbarimg"):
        pytest.skip("zbarimg (zbar-tools) is not installed; .ci/run installs it")
    path = tmp_path / "code.png"
    path.write_bytes(png)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, check=True, text=True)
    # zbarimg may print D-Bus noise on stderr in a container; the codes are on stdout.
    return result.stdout.strip()


def test_checkin_qr_decodes_to_the_checkin_page(client, room, convener, tmp_path):
    session = SessionFactory(room=room)
    client.force_login(convener)
    client.get(reverse("workspace:session_checkin", args=[session.pk]))
    url = f"{BASE}/checkin/{CheckinCode.objects.get(session=session).token}/"
    assert _zbar(qr_png(url), tmp_path) == url


def test_poster_svg_decodes_to_the_room_page(client, room, convener, tmp_path):
    """The SVG the page shows (not only the encoder's input): rasterised and decoded."""
    client.force_login(convener)
    body = client.get(reverse("workspace:room_poster", args=[room.pk])).content.decode()
    svgs = re.findall(r"<svg role=\"img\".*?</svg>", body, flags=re.S)
    assert len(svgs) == 2
    decoded = [_zbar(_svg_to_png(svg), tmp_path) for svg in svgs]
    assert decoded == [f"{BASE}/rooms/{room.pk}/", f"{BASE}/rooms/{room.pk}/#suggest"]


def _svg_to_png(svg: str) -> bytes:
    """Rasterise segno's path SVG: each `M x y.5 h n` run is n dark modules on row y."""
    from PIL import Image

    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    path = re.search(r'stroke="#000" d="([^"]+)"', svg).group(1)
    image = Image.new("1", (size, size), 1)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                image.putpixel((column, int(y)), 0)
            x += float(a)
    scale = 8
    image = image.resize((size * scale, size * scale), Image.NEAREST)
    import io

    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG")
    return buffer.getvalue()


def test_encoded_payload_without_a_decoder():
    """Whatever decoders are installed: the code segno encodes holds exactly the URL."""
    url = f"{BASE}/checkin/abcdefghijklmnopqrstuv/"
    code = segno.make(url, error="m", micro=False)
    assert code.error == "M"
    assert code.mode == "byte"
    assert code.designator.startswith(str(code.version))
