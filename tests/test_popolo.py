"""`torctl export --format popolo`: the bodies as Popolo JSON, Popolo's terms first, torctl's under `torctl`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import BODY_IDS

# The properties Popolo defines for each class this export uses (popoloproject.com specs).
POPOLO = {
    "organizations": {
        "id",
        "name",
        "other_names",
        "classification",
        "parent_id",
        "dissolution_date",
        "sources",
        "links",
    },
    "posts": {"id", "label", "role", "organization_id"},
    "persons": {"id", "name"},
    "memberships": {"id", "label", "role", "person_id", "organization_id", "post_id", "on_behalf_of_id"},
    "events": {"id", "name", "classification", "start_date", "organization_id", "location"},
}


@pytest.fixture(scope="module")
def popolo(tree) -> dict:
    from torctl.render.popolo import to_popolo

    return to_popolo(tree, dt.date(2026, 12, 4))


def test_every_key_is_popolo_or_under_the_extension(popolo: dict) -> None:
    assert set(popolo) == {"meta", *POPOLO}
    for collection, allowed in POPOLO.items():
        for item in popolo[collection]:
            assert set(item) - {"torctl"} <= allowed, (collection, item["id"])
    assert popolo["meta"]["torctl"]["documentation"] == "docs/site.md#popolo-export"


def test_every_body_is_an_organization_in_its_partnership(popolo: dict, tree) -> None:
    orgs = {o["id"]: o for o in popolo["organizations"]}
    assert set(orgs) >= BODY_IDS
    for body_id in BODY_IDS:
        org = orgs[body_id]
        assert org["classification"] == "board" and org["name"] == tree.bodies[body_id].name
        assert orgs[org["parent_id"]]["classification"] == "partnership"
        assert orgs[org["parent_id"]]["name"] == tree.bodies[body_id].partnership
    # Every agency a post sits for is an organization too.
    for post in popolo["posts"]:
        if post["torctl"].get("agency_id"):
            assert orgs[post["torctl"]["agency_id"]]["classification"] == "agency"


def test_posts_exist_while_vacant(popolo: dict) -> None:
    posts = {p["id"]: p for p in popolo["posts"]}
    # The RDG's deputy chair is "to be decided": a post with no membership.
    vacant = [posts["solihull-rdg:deputy-chair"]]
    assert vacant[0]["label"] == "Deputy chair" and vacant[0]["torctl"]["vacancy"] == "vacant"
    # Posts whose holder the ToR does not record are posts too, with no membership invented for them.
    vacant += [p for p in posts.values() if p["torctl"].get("vacancy")]
    held = {m["post_id"] for m in popolo["memberships"]}
    assert not held & {p["id"] for p in vacant}
    assert len(posts) == sum(1 for p in popolo["posts"])  # ids unique


def test_memberships_name_the_holder_role_and_agency(popolo: dict, tree) -> None:
    persons = {p["id"]: p["name"] for p in popolo["persons"]}
    plymouth = tree.bodies["plymouth-improvement-board"]
    named = [m for m in plymouth.members if m.holder]
    ours = [m for m in popolo["memberships"] if m["organization_id"] == plymouth.id and m["role"] != "Chair"]
    assert len(ours) == len(named) > 0
    for member, membership in zip(named, ours, strict=True):
        assert persons[membership["person_id"]] == member.holder
        assert membership["role"] == member.role
        assert membership["post_id"] == f"{plymouth.id}/{member.id}"
        assert membership.get("on_behalf_of_id") == (f"agency:{member.agency}" if member.agency else None)
        assert "start_date" not in membership  # no ToR gives one: nothing invented


def test_the_chair_is_a_post_held_through_the_chairing_post(popolo: dict) -> None:
    chair = next(m for m in popolo["memberships"] if m["post_id"] == "plymouth-improvement-board:chair")
    assert chair["role"] == "Chair" and chair["person_id"] == "person:plymouth-improvement-board/independent-chair"
    rotating = next(p for p in popolo["posts"] if p["id"] == "solihull-sscp-executive:chair")
    assert rotating["torctl"]["mode"] == "rotation" and len(rotating["torctl"]["rotation"]) == 3
    assert not [m for m in popolo["memberships"] if m["post_id"] == "solihull-sscp-executive:chair"]


def test_quorum_voting_and_classes_are_under_the_extension(popolo: dict) -> None:
    lscp = next(o for o in popolo["organizations"] if o["id"] == "solihull-lscp")["torctl"]
    assert lscp["voting"]["method"] == "one-per-agency"
    assert lscp["quorum"]["rule"] == "represented"
    plymouth = next(o for o in popolo["organizations"] if o["id"] == "plymouth-improvement-board")["torctl"]
    assert plymouth["quorum"]["rule"] == "none" and plymouth["quorum"]["text"]
    sefton = next(o for o in popolo["organizations"] if o["id"] == "sefton-improvement-board")["torctl"]
    assert sefton["substitution"]["delegated_authority_required"] is True


def test_no_events_without_known_dates(popolo: dict) -> None:
    assert popolo["events"] == []


def test_export_cli_prints_or_writes_the_same_json(cli, tmp_path: Path) -> None:
    printed = cli("export", "--format", "popolo", "--as-of", "2026-12-04")
    assert printed.exit_code == 0
    data = json.loads(printed.stdout)
    assert len(data["posts"]) > 100
    target = tmp_path / "popolo.json"
    written = cli("export", "-f", "popolo", "--as-of", "2026-12-04", "-o", str(target))
    assert written.exit_code == 0 and target.read_text(encoding="utf-8") == printed.stdout


def test_export_bad_input(cli) -> None:
    assert cli("export", "--format", "csv").exit_code == 2
    bad = cli("export", "-f", "popolo", "--base-url", "not a url")
    assert bad.exit_code == 2 and "is not a URL" in bad.stderr
    assert cli("export", "-f", "popolo", "--as-of", "tomorrow").exit_code == 2


def test_export_refuses_bodies_with_errors(scratch: Path, cli) -> None:
    path = scratch / "solihull-arg.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: not-stated", "status: asleep", 1), encoding="utf-8"
    )
    result = cli("--bodies", str(scratch), "export", "-f", "popolo")
    assert result.exit_code == 2 and "run `torctl validate`" in result.stderr


def test_export_has_events_where_dates_are_known(scratch: Path, cli) -> None:
    path = scratch / "solihull-arg.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "\nmeetings:\n", "\nmeetings:\n  dates: [2027-02-02, 2028-02-01]\n", 1
        ),
        encoding="utf-8",
    )
    result = cli("--bodies", str(scratch), "export", "-f", "popolo", "--as-of", "2026-12-04")
    assert result.exit_code == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    # Only the meeting in the year from --as-of; the other bodies record no dates.
    assert [(e["id"], e["start_date"], e["organization_id"], e["classification"]) for e in events] == [
        ("solihull-arg/2027-02-02/meeting", "2027-02-02", "solihull-arg", "meeting")
    ]
