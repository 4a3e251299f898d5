"""Excel import and export of the registry: streets and communities, sectors, rooms and conveners.

One workbook, four sheets (街道社区, 界别, 议事室, 召集人), Chinese headers. The export writes
exactly what the import reads, so a registry exported from one database and imported into an
empty one is the same registry.

The import is all-or-nothing. `registry_import(upload, dry_run=True)` is the preview: it runs the
whole import in a transaction, collects every bad row with its reason, and rolls back. With
`dry_run=False` it commits only when there is no error at all. Every record is found by its
natural key (street name; street + community name; sector name; room name; user name + room),
and only changed when a value differs, so importing the same file twice changes nothing.

The importer parses and checks the workbook; the records are written by the registry services
(`rooms.services`, `accounts.services.convener_account_save`), which validate each one.

Personal phone numbers are neither read nor written: staff keep them in the admin. Conveners'
accounts are created or renamed, never a staff or superuser account (the row is refused).

An .xlsx is a zip archive, and a small one can expand to hundreds of megabytes that openpyxl would
hold in memory. Before parsing, the archive's directory is checked against the settings
REGISTRY_IMPORT_MAX_UNCOMPRESSED_BYTES (total), REGISTRY_IMPORT_MAX_MEMBERS and
REGISTRY_IMPORT_MAX_RATIO (per member). The sizes in the directory can be trusted as bounds:
Python's zipfile never returns more than a member's declared size (a lie ends in a CRC error).
"""

import datetime
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.services import convener_account_save
from core.exports import FORMULA_PREFIXES, xlsx_workbook
from rooms.models import Community, Convenership, Room, Sector, Street
from rooms.services import community_save, convenership_save, room_save, sector_create, street_save

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS_PER_SHEET = 10_000
# Defaults of the archive limits (settings override them); the ratio is only checked for members
# larger than RATIO_CHECK_FROM, where a high ratio can cost memory.
DEFAULT_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_MEMBERS = 1000
DEFAULT_MAX_RATIO = 100
RATIO_CHECK_FROM = 1024 * 1024

STREET_SHEET, SECTOR_SHEET, ROOM_SHEET, CONVENER_SHEET = "街道社区", "界别", "议事室", "召集人"
STREET_COLUMNS = ["街道", "街道类型", "社区", "社区类型"]
SECTOR_COLUMNS = ["界别"]
ROOM_COLUMNS = ["名称", "层级", "所属街道", "所属社区", "所属界别", "地址", "建成日期", "启用", "公开联系电话", "简介"]
CONVENER_COLUMNS = ["议事室", "用户名", "姓名", "任职日期"]
SHEETS = {
    STREET_SHEET: STREET_COLUMNS,
    SECTOR_SHEET: SECTOR_COLUMNS,
    ROOM_SHEET: ROOM_COLUMNS,
    CONVENER_SHEET: CONVENER_COLUMNS,
}
# Columns a row must fill in; the others may stay empty.
REQUIRED = {
    STREET_SHEET: ["街道"],
    SECTOR_SHEET: ["界别"],
    ROOM_SHEET: ["名称", "层级"],
    CONVENER_SHEET: ["议事室", "用户名"],
}

STREET_KINDS = {str(label): value for value, label in Street.Kind.choices}
COMMUNITY_KINDS = {str(label): value for value, label in Community.Kind.choices}
LEVELS = {str(label): value for value, label in Room.Level.choices}
TRUE_WORDS, FALSE_WORDS = {"是", "启用", "true", "1", "yes", "y"}, {"否", "停用", "false", "0", "no", "n"}


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class RowError:
    sheet: str
    row: int
    message: str


@dataclass
class SheetCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportResult:
    file_errors: list[str] = field(default_factory=list)
    row_errors: list[RowError] = field(default_factory=list)
    counts: dict[str, SheetCount] = field(default_factory=dict)
    changes: list[tuple[str, int, str, str]] = field(default_factory=list)  # sheet, row, action, record
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.row_errors

    @property
    def changed(self) -> int:
        return sum(count.created + count.updated for count in self.counts.values())


# ---- reading the file ----------------------------------------------------------------------------


def _read_upload(upload) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("文件太大（%(size).1f MB），导入文件不能超过 %(limit)d MB。请删除无关的工作表或图片后再试。")
            % {"size": size / 1024 / 1024, "limit": MAX_IMPORT_BYTES // 1024 // 1024}
        )
    upload.seek(0)
    data = upload.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("文件太大，导入文件不能超过 %(limit)d MB。") % {"limit": MAX_IMPORT_BYTES // 1024 // 1024}
        )
    if not data.strip():
        raise ImportFileError(_("上传的文件是空的，请选择填写好的 Excel 模板。"))
    if not data.startswith(b"PK\x03\x04"):
        head = data[:2048]
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = head.decode("gb18030")
            except UnicodeDecodeError:
                text = ""
        if text and ("," in text or "\t" in text) and "\x00" not in text:
            raise ImportFileError(
                _(
                    "该文件是 CSV 文本文件（只是扩展名改成了 .xlsx），不是 Excel 工作簿。"
                    "请在 Excel 中“另存为”.xlsx 格式后再导入。"
                )
            )
        raise ImportFileError(_("无法读取该文件：它不是有效的 Excel（.xlsx）文件，可能已损坏。请使用下载的模板填写。"))
    return data


def _check_archive(data: bytes) -> None:
    """Refuse an archive that would expand too far, before anything is decompressed."""
    max_total = getattr(settings, "REGISTRY_IMPORT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES)
    max_members = getattr(settings, "REGISTRY_IMPORT_MAX_MEMBERS", DEFAULT_MAX_MEMBERS)
    max_ratio = getattr(settings, "REGISTRY_IMPORT_MAX_RATIO", DEFAULT_MAX_RATIO)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ImportFileError(
            _("无法读取该文件：它不是有效的 Excel（.xlsx）文件，可能已损坏。请使用下载的模板填写。")
        ) from error
    if len(members) > max_members:
        raise ImportFileError(
            _(
                "文件包含的部件过多（%(count)d 个，最多 %(limit)d 个），不是正常的名册工作簿，未导入。"
                "请使用下载的模板填写。"
            )
            % {"count": len(members), "limit": max_members}
        )
    for member in members:
        if member.file_size >= RATIO_CHECK_FROM and member.file_size > max_ratio * max(member.compress_size, 1):
            raise ImportFileError(
                _(
                    "文件中的部件压缩比异常（约 %(ratio)d:1，最多 %(limit)d:1），可能是恶意构造的文件，未导入。"
                    "请在 Excel 中打开后“另存为”新的 .xlsx 文件再试。"
                )
                % {"ratio": member.file_size // max(member.compress_size, 1), "limit": max_ratio}
            )
    total = sum(member.file_size for member in members)
    if total > max_total:
        raise ImportFileError(
            _(
                "文件解压后过大（约 %(size)d MB，最多 %(limit)d MB），未导入。"
                "请删除无关的工作表、图片和大量空白行后再试。"
            )
            % {"size": -(-total // (1024 * 1024)), "limit": max_total // (1024 * 1024)}
        )


def _open_workbook(data: bytes):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError, EOFError) as error:
        raise ImportFileError(
            _("无法读取该文件：它不是有效的 Excel（.xlsx）文件，可能已损坏。请使用下载的模板填写。")
        ) from error


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Our own exports escape formula-like text with a leading quote; read it back as typed.
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_PREFIXES):
        text = text[1:]
    return text


@dataclass
class SheetRows:
    name: str
    rows: list[tuple[int, dict]]  # (Excel row number, {column: raw value})


def _read_sheets(workbook, result: ImportResult) -> dict[str, SheetRows]:
    present = {name.strip(): name for name in workbook.sheetnames}
    known = [name for name in SHEETS if name in present]
    if not known:
        raise ImportFileError(
            _("文件中没有可导入的工作表（找到的是：%(found)s）。请使用模板，工作表名称应为：%(expected)s。")
            % {"found": "、".join(workbook.sheetnames) or "无", "expected": "、".join(SHEETS)}
        )
    sheets = {}
    for name in known:
        sheet = workbook[present[name]]
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        header = [_cell_text(cell.value) for cell in header_cells] if header_cells else []
        missing = [column for column in SHEETS[name] if column not in header]
        if missing:
            result.file_errors.append(
                _("工作表“%(sheet)s”缺少列：%(missing)s。第一行应为：%(expected)s。")
                % {"sheet": name, "missing": "、".join(missing), "expected": "、".join(SHEETS[name])}
            )
            continue
        index = {column: header.index(column) for column in SHEETS[name]}
        data = []
        for number, cells in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS_PER_SHEET:
                result.file_errors.append(
                    _("工作表“%(sheet)s”超过 %(limit)d 行，请分批导入。") % {"sheet": name, "limit": MAX_ROWS_PER_SHEET}
                )
                break
            values = {}
            formulas = []
            for column, position in index.items():
                cell = cells[position] if position < len(cells) else None
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
                    formulas.append(column)
                values[column] = value
            if all(_cell_text(value) == "" for value in values.values()):
                continue
            if formulas:
                result.row_errors.append(
                    RowError(
                        name,
                        number,
                        _("“%(columns)s”单元格中是公式，不能导入。请复制后“粘贴为数值”再导入。")
                        % {"columns": "、".join(formulas)},
                    )
                )
                continue
            data.append((number, {column: _cell_text(value) for column, value in values.items()}))
        sheets[name] = SheetRows(name, data)
    if not result.file_errors and not any(sheet.rows for sheet in sheets.values()) and not result.row_errors:
        raise ImportFileError(_("文件中没有数据行：请在模板第二行起填写数据。"))
    return sheets


def _parse_date(text: str):
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


# ---- applying the rows ----------------------------------------------------------------------------


def _validation_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "；".join(f"{'、'.join(messages)}" for messages in error.message_dict.values())
    return "；".join(error.messages)


class _Importer:
    def __init__(self, result: ImportResult):
        self.result = result
        self.streets = {street.name: street for street in Street.objects.all()}
        self.communities = {(c.street.name, c.name): c for c in Community.objects.select_related("street")}
        self.sectors = {sector.name: sector for sector in Sector.objects.all()}
        self.rooms = {room.name: room for room in Room.objects.all()}
        self.users = {}
        self.next_street_order = max((s.ordering for s in self.streets.values()), default=0) + 1
        self.next_sector_order = max((s.ordering for s in self.sectors.values()), default=0) + 1

    def error(self, sheet, row, message):
        self.result.row_errors.append(RowError(sheet, row, message))

    def count(self, sheet, action, row=None, record=""):
        counter = self.result.counts.setdefault(sheet, SheetCount())
        setattr(counter, action, getattr(counter, action) + 1)
        if action != "unchanged" and row is not None:
            self.result.changes.append((sheet, row, {"created": _("新增"), "updated": _("更新")}[action], record))

    def apply(self, sheet, row, record: str, service, **values):
        """Call a registry service for one row; a record it refuses becomes the row's error."""
        try:
            obj, action = service(**values)
        except ValidationError as error:
            self.error(sheet, row, _validation_text(error))
            return None
        self.count(sheet, action, row, record)
        return obj

    def streets_and_communities(self, rows):
        seen = {}
        for number, values in rows:
            street_name, community_name = values["街道"], values["社区"]
            if not street_name:
                self.error(STREET_SHEET, number, _("“街道”不能为空。"))
                continue
            street_kind = STREET_KINDS.get(values["街道类型"] or str(Street.Kind.STREET.label))
            community_kind = COMMUNITY_KINDS.get(values["社区类型"] or str(Community.Kind.COMMUNITY.label))
            if street_kind is None:
                self.error(
                    STREET_SHEET,
                    number,
                    _("街道类型“%(value)s”无效，应为：%(choices)s。")
                    % {"value": values["街道类型"], "choices": "、".join(STREET_KINDS)},
                )
                continue
            if community_kind is None:
                self.error(
                    STREET_SHEET,
                    number,
                    _("社区类型“%(value)s”无效，应为：%(choices)s。")
                    % {"value": values["社区类型"], "choices": "、".join(COMMUNITY_KINDS)},
                )
                continue
            key = (street_name, community_name)
            if community_name and key in seen:
                self.error(
                    STREET_SHEET,
                    number,
                    _("社区“%(community)s”在第 %(row)d 行已经出现过，同一街道下社区名称不能重复。")
                    % {"community": community_name, "row": seen[key]},
                )
                continue
            seen[key] = number
            street = self.streets.get(street_name)
            if street is None or (street_name, None) not in seen:
                seen[(street_name, None)] = number
                ordering = None
                if street is None:
                    ordering = self.next_street_order
                    self.next_street_order += 1
                street = self.apply(
                    STREET_SHEET,
                    number,
                    street_name,
                    street_save,
                    street=street,
                    name=street_name,
                    kind=street_kind,
                    ordering=ordering,
                )
                if street is None:
                    continue
                self.streets[street_name] = street
            if not community_name:
                continue
            community = self.apply(
                STREET_SHEET,
                number,
                f"{street_name} · {community_name}",
                community_save,
                community=self.communities.get(key),
                street=street,
                name=community_name,
                kind=community_kind,
            )
            if community is not None:
                self.communities[key] = community

    def sectors_sheet(self, rows):
        seen = {}
        for number, values in rows:
            name = values["界别"]
            if not name:
                self.error(SECTOR_SHEET, number, _("“界别”不能为空。"))
                continue
            if name in seen:
                self.error(
                    SECTOR_SHEET,
                    number,
                    _("界别“%(name)s”在第 %(row)d 行已经出现过。") % {"name": name, "row": seen[name]},
                )
                continue
            seen[name] = number
            if name in self.sectors:
                self.count(SECTOR_SHEET, "unchanged")
                continue
            sector = self.apply(SECTOR_SHEET, number, name, sector_create, name=name, ordering=self.next_sector_order)
            self.next_sector_order += 1
            if sector is not None:
                self.sectors[name] = sector

    def rooms_sheet(self, rows):
        seen = {}
        for number, values in rows:
            name = values["名称"]
            problems = []
            if not name:
                problems.append(_("“名称”不能为空。"))
            elif name in seen:
                problems.append(
                    _("议事室名称“%(name)s”与第 %(row)d 行重复，议事室名称不能重复。")
                    % {"name": name, "row": seen[name]}
                )
            level = LEVELS.get(values["层级"])
            if level is None:
                problems.append(
                    _("层级“%(value)s”无效，应为：%(choices)s。")
                    % {"value": values["层级"], "choices": "、".join(LEVELS)}
                )
            street = community = sector = None
            if values["所属街道"]:
                street = self.streets.get(values["所属街道"])
                if street is None:
                    problems.append(
                        _("街道“%(name)s”不存在，请先在“街道社区”工作表中添加。") % {"name": values["所属街道"]}
                    )
            if values["所属社区"]:
                if not values["所属街道"]:
                    problems.append(_("填写了所属社区时，必须同时填写所属街道。"))
                elif street is not None:
                    community = self.communities.get((values["所属街道"], values["所属社区"]))
                    if community is None:
                        problems.append(
                            _("社区“%(community)s”不在街道“%(street)s”下，请先在“街道社区”工作表中添加。")
                            % {"community": values["所属社区"], "street": values["所属街道"]}
                        )
            if values["所属界别"]:
                sector = self.sectors.get(values["所属界别"])
                if sector is None:
                    problems.append(
                        _("界别“%(name)s”不存在，请先在“界别”工作表中添加。") % {"name": values["所属界别"]}
                    )
            try:
                established_on = _parse_date(values["建成日期"])
            except ValueError:
                problems.append(_("建成日期“%(value)s”无法识别，请写成 2020-08-26。") % {"value": values["建成日期"]})
                established_on = None
            active_text = values["启用"].lower()
            if active_text and active_text not in TRUE_WORDS | FALSE_WORDS:
                problems.append(_("“启用”应填“是”或“否”。"))
            if name:
                seen.setdefault(name, number)
            if problems:
                self.error(ROOM_SHEET, number, "".join(problems))
                continue
            saved = self.apply(
                ROOM_SHEET,
                number,
                name,
                room_save,
                room=self.rooms.get(name),
                name=name,
                level=level,
                street=street,
                community=community,
                sector=sector,
                address=values["地址"],
                established_on=established_on,
                is_active=active_text not in FALSE_WORDS,
                public_phone=values["公开联系电话"],
                description=values["简介"],
            )
            if saved is not None:
                self.rooms[name] = saved

    def conveners_sheet(self, rows):
        User = get_user_model()
        usernames = {values["用户名"] for _number, values in rows if values["用户名"]}
        self.users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        existing = {
            (c.user.username, c.room.name): c
            for c in Convenership.objects.filter(user__username__in=usernames).select_related("user", "room")
        }
        seen = {}
        for number, values in rows:
            room_name, username, full_name = values["议事室"], values["用户名"], values["姓名"]
            problems = []
            room = self.rooms.get(room_name)
            if not room_name:
                problems.append(_("“议事室”不能为空。"))
            elif room is None:
                problems.append(_("议事室“%(name)s”不存在，请先在“议事室”工作表中添加。") % {"name": room_name})
            if not username:
                problems.append(_("“用户名”不能为空。"))
            key = (username, room_name)
            if username and room_name and key in seen:
                problems.append(_("与第 %(row)d 行重复。") % {"row": seen[key]})
            try:
                started_on = _parse_date(values["任职日期"])
            except ValueError:
                problems.append(_("任职日期“%(value)s”无法识别，请写成 2020-08-26。") % {"value": values["任职日期"]})
                started_on = None
            seen.setdefault(key, number)
            if problems:
                self.error(CONVENER_SHEET, number, "".join(problems))
                continue
            try:
                user, _action = convener_account_save(
                    user=self.users.get(username), username=username, full_name=full_name
                )
            except ValidationError as error:
                self.error(CONVENER_SHEET, number, _validation_text(error))
                continue
            self.users[username] = user
            saved = self.apply(
                CONVENER_SHEET,
                number,
                f"{room_name} · {full_name or username}",
                convenership_save,
                convenership=existing.get(key),
                user=user,
                room=room,
                started_on=started_on,
            )
            if saved is not None:
                existing[key] = saved


def registry_import(upload, *, dry_run: bool = True) -> ImportResult:
    """Import a registry workbook. All or nothing: with any error, or with `dry_run`, every write
    is rolled back, and the result lists each bad row with its reason."""
    result = ImportResult()
    try:
        data = _read_upload(upload)
        _check_archive(data)
        workbook = _open_workbook(data)
        try:
            sheets = _read_sheets(workbook, result)
        finally:
            workbook.close()
    except ImportFileError as error:
        result.file_errors.append(str(error))
        return result
    except Exception as error:  # noqa: BLE001 - a damaged file can break the reader in many ways
        result.file_errors.append(
            _("无法读取该文件：它不是有效的 Excel（.xlsx）文件，可能已损坏。（%(error)s）")
            % {"error": type(error).__name__}
        )
        return result
    if result.file_errors:
        return result
    with transaction.atomic():
        importer = _Importer(result)
        for name, method in (
            (STREET_SHEET, importer.streets_and_communities),
            (SECTOR_SHEET, importer.sectors_sheet),
            (ROOM_SHEET, importer.rooms_sheet),
            (CONVENER_SHEET, importer.conveners_sheet),
        ):
            if name in sheets:
                method(sheets[name].rows)
        if dry_run or not result.ok:
            transaction.set_rollback(True)
        else:
            result.committed = True
    result.row_errors.sort(key=lambda error: (list(SHEETS).index(error.sheet), error.row))
    return result


# ---- export -------------------------------------------------------------------------------------


def registry_sheets(rooms: QuerySet | None = None) -> list[tuple[str, list, Iterable]]:
    """The registry in the import format. With `rooms`, only those rooms, their conveners, and the
    streets, communities and sectors they refer to; without, everything."""
    room_qs = (rooms if rooms is not None else Room.objects.all()).select_related("street", "community", "sector")
    room_qs = room_qs.order_by("street__ordering", "level", "name")
    streets = Street.objects.order_by("ordering", "name")
    communities = Community.objects.select_related("street").order_by("street__ordering", "street__name", "name")
    sectors = Sector.objects.order_by("ordering", "name")
    if rooms is not None:
        room_ids = room_qs.values("pk")
        streets = streets.filter(
            Q(pk__in=Room.objects.filter(pk__in=room_ids).values("street"))
            | Q(pk__in=Room.objects.filter(pk__in=room_ids).values("community__street"))
        )
        communities = communities.filter(pk__in=Room.objects.filter(pk__in=room_ids).values("community"))
        sectors = sectors.filter(pk__in=Room.objects.filter(pk__in=room_ids).values("sector"))

    def street_rows():
        by_street = {}
        for community in communities:
            by_street.setdefault(community.street_id, []).append(community)
        for street in streets:
            kind = str(street.get_kind_display())
            street_communities = by_street.get(street.pk, [])
            if not street_communities:
                yield [street.name, kind, "", ""]
            for community in street_communities:
                yield [street.name, kind, community.name, str(community.get_kind_display())]

    def room_rows():
        for room in room_qs:
            yield [
                room.name,
                str(room.get_level_display()),
                room.street.name if room.street else "",
                room.community.name if room.community else "",
                room.sector.name if room.sector else "",
                room.address,
                room.established_on,
                "是" if room.is_active else "否",
                room.public_phone,
                room.description,
            ]

    def convener_rows():
        memberships = (
            Convenership.objects.filter(room__in=room_qs)
            .select_related("user", "room")
            .order_by("room__street__ordering", "room__name", "user__username")
        )
        for membership in memberships:
            yield [membership.room.name, membership.user.username, membership.user.full_name, membership.started_on]

    return [
        (STREET_SHEET, STREET_COLUMNS, street_rows()),
        (SECTOR_SHEET, SECTOR_COLUMNS, ([sector.name] for sector in sectors)),
        (ROOM_SHEET, ROOM_COLUMNS, room_rows()),
        (CONVENER_SHEET, CONVENER_COLUMNS, convener_rows()),
    ]


def registry_workbook(rooms: QuerySet | None = None) -> bytes:
    return xlsx_workbook(registry_sheets(rooms))


def template_sheets() -> list[tuple[str, list, Iterable]]:
    """The import template: the four sheets with their headers and one example row each."""
    return [
        (STREET_SHEET, STREET_COLUMNS, [["示例街道", "街道", "示例社区", "社区"]]),
        (SECTOR_SHEET, SECTOR_COLUMNS, [["示例界别"]]),
        (
            ROOM_SHEET,
            ROOM_COLUMNS,
            [
                [
                    "示例社区协商议事室",
                    "社区",
                    "示例街道",
                    "示例社区",
                    "",
                    "南通市崇川区示例路1号",
                    datetime.date(2020, 8, 26),
                    "是",
                    "0513-85000000",
                    "议事室简介",
                ]
            ],
        ),
        (CONVENER_SHEET, CONVENER_COLUMNS, [["示例社区协商议事室", "zhangsan", "张三", datetime.date(2020, 8, 26)]]),
    ]
