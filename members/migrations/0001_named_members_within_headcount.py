"""The database's own check that named CPPCC members never outnumber the headcount of role
政协委员 (deliberations.Attendance, role "cppcc_member") of their session.

The rule spans two tables (the session's member links and its attendance rows), which a
CheckConstraint cannot see, so triggers enforce it on both: after each insert or update of a
member link, and after each insert, update or delete of an attendance row, the session's named
members are counted against its headcount (no row: 0). On PostgreSQL a plpgsql function raises
check_violation (SQLSTATE 23514); on SQLite the trigger RAISEs ABORT. Both reach Django as
IntegrityError. The triggers are immediate, so `deliberations.services` writes members and
headcounts in an order that keeps the rule at every statement (see `_save_attendance_and_members`).

One difference: deleting a session's 政协委员 row is refused on PostgreSQL while members are named,
but on SQLite it removes the named members with it (see SQLITE_TRIGGERS for why). Either way the
rule holds; the services never delete that row while members are named.

Rows written before this migration are not rewritten; the triggers check a session when it is
next written, and the services check it first with a Chinese message.
"""

from django.db import migrations

MEMBERS = "deliberations_session_cppcc_members"
ATTENDANCE = "deliberations_attendance"
ROLE = "cppcc_member"
MESSAGE = "named_members_exceed_headcount"

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION members_check_named_within_headcount(target bigint) RETURNS void AS $$
    DECLARE
        named integer;
        counted integer;
    BEGIN
        SELECT COUNT(*) INTO named FROM {MEMBERS} WHERE session_id = target;
        SELECT COALESCE(MAX(headcount), 0) INTO counted FROM {ATTENDANCE}
            WHERE session_id = target AND role = '{ROLE}';
        IF named > counted THEN
            RAISE EXCEPTION '{MESSAGE}: session %, % named, headcount %', target, named, counted
                USING ERRCODE = 'check_violation';
        END IF;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE OR REPLACE FUNCTION members_named_within_headcount_trigger() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            PERFORM members_check_named_within_headcount(OLD.session_id);
            RETURN OLD;
        END IF;
        PERFORM members_check_named_within_headcount(NEW.session_id);
        IF TG_OP = 'UPDATE' AND OLD.session_id <> NEW.session_id THEN
            PERFORM members_check_named_within_headcount(OLD.session_id);
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER members_named_link_check AFTER INSERT OR UPDATE ON {MEMBERS}
        FOR EACH ROW EXECUTE FUNCTION members_named_within_headcount_trigger();
    """,
    f"""
    CREATE TRIGGER members_named_headcount_check AFTER INSERT OR UPDATE OR DELETE ON {ATTENDANCE}
        FOR EACH ROW EXECUTE FUNCTION members_named_within_headcount_trigger();
    """,
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER IF EXISTS members_named_link_check ON {MEMBERS};",
    f"DROP TRIGGER IF EXISTS members_named_headcount_check ON {ATTENDANCE};",
    "DROP FUNCTION IF EXISTS members_named_within_headcount_trigger();",
    "DROP FUNCTION IF EXISTS members_check_named_within_headcount(bigint);",
]


def _sqlite_check(session):
    """The body of a SQLite trigger: abort when `session` has more named members than counted."""
    return f"""
        SELECT RAISE(ABORT, '{MESSAGE}')
        WHERE (SELECT COUNT(*) FROM {MEMBERS} WHERE session_id = {session})
            > COALESCE((SELECT headcount FROM {ATTENDANCE} WHERE session_id = {session} AND role = '{ROLE}'), 0);
    """


SQLITE_TRIGGERS = {
    "members_named_link_insert": f"AFTER INSERT ON {MEMBERS} BEGIN {_sqlite_check('NEW.session_id')} END",
    "members_named_link_update": f"AFTER UPDATE ON {MEMBERS} BEGIN {_sqlite_check('NEW.session_id')} END",
    "members_named_headcount_insert": (
        f"AFTER INSERT ON {ATTENDANCE} WHEN NEW.role = '{ROLE}' BEGIN {_sqlite_check('NEW.session_id')} END"
    ),
    "members_named_headcount_update": (
        f"AFTER UPDATE ON {ATTENDANCE} BEGIN {_sqlite_check('NEW.session_id')} {_sqlite_check('OLD.session_id')} END"
    ),
    # SQLite only: deleting a session's 政协委员 row takes its named members with it (as a foreign
    # key's cascade would) instead of refusing. Django empties a SQLite database table by table
    # with DELETE in no fixed order (`flush`, and every transactional test's teardown), so a
    # refusal here would fail whenever the attendance table came before the member links.
    # PostgreSQL empties tables with TRUNCATE, which fires no row triggers, and refuses instead.
    "members_named_headcount_delete": (
        f"AFTER DELETE ON {ATTENDANCE} WHEN OLD.role = '{ROLE}' "
        f"BEGIN DELETE FROM {MEMBERS} WHERE session_id = OLD.session_id; END"
    ),
}


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            schema_editor.execute(f"CREATE TRIGGER {name} {body};")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement, params=None)
    elif vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")


class Migration(migrations.Migration):
    dependencies = [
        ("deliberations", "0003_list_indexes"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
