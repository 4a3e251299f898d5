"""The POST body of the convener's session form, shared by the workspace tests."""

from tests.factories import png_upload


def session_post(room, *, issues=(), photos=0, **overrides):
    """A valid POST for the session form of `room`; `issues` are dicts of inline-issue fields."""
    data = {
        "room": str(room.pk),
        "topic": "小区停车难协商",
        "kind": "regular",
        "status": "held",
        "starts_at": "2020-06-01T09:00",
        "ends_at": "2020-06-01T11:00",
        "place": "社区议事室",
        "campaign": "",
        "minutes": "居民代表发言。",
        "consensus": "划定临时停车位。",
        "att-cppcc_member": "2",
        "att-resident": "20",
        "att-department": "3",
        "att-expert": "",
        "att-other": "",
        "issues-TOTAL_FORMS": str(max(1, len(issues))),
        "issues-INITIAL_FORMS": "0",
        "issues-MIN_NUM_FORMS": "0",
        "issues-MAX_NUM_FORMS": "30",
        "photos-TOTAL_FORMS": str(max(1, photos)),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "12",
        "version": "1",  # the version an edit form shows for a session saved once (ignored when creating)
    }
    for index, issue in enumerate(issues):
        for name, value in issue.items():
            data[f"issues-{index}-{name}"] = value
        data.setdefault(f"issues-{index}-triage_level", "community")
    for index in range(photos):
        data[f"photos-{index}-image"] = png_upload(f"photo{index}.png")
        data[f"photos-{index}-alt_text"] = f"议事现场第{index + 1}张"
        data[f"photos-{index}-caption"] = f"照片说明{index + 1}"
    data.update(overrides)
    return data
