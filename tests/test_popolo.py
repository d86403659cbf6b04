"""`torctl export --format popolo`: the bodies as Popolo JSON, Popolo's terms first, torctl's under `torctl`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

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


# ---------------------------------------------------------------- Popolo's own JSON schemas

SCHEMAS = Path(__file__).parent / "data" / "popolo"  # popolo-project/popolo-spec's schemas/, with their licence
COLLECTIONS = {
    "persons": "person",
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
}


def _validators() -> dict[str, Any]:
    """A draft-03 validator per Popolo class, resolving the schemas' absolute $refs to the copies in tests/data.

    Draft 3's "uri" format is checked as an absolute URI (a scheme and something after it), since jsonschema
    checks it only with an optional package: a relative `url` in `sources` or `links` must fail."""
    from urllib.parse import urlsplit

    from jsonschema import Draft3Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT3)) for schema in schemas.values()
    )
    checker = FormatChecker()

    @checker.checks("uri")
    def _absolute_uri(value: object) -> bool:
        return not isinstance(value, str) or bool(urlsplit(value).scheme and (urlsplit(value).netloc or ":" in value))

    return {name: Draft3Validator(schemas[name], registry=registry, format_checker=checker) for name in schemas}


def popolo_errors(document: dict) -> tuple[list[str], dict[str, int]]:
    """Every schema error in a popolo.json (collection, index, path, message), and how many objects were checked."""
    validators = _validators()
    errors, counted = [], {}
    for collection, schema in COLLECTIONS.items():
        counted[collection] = len(document[collection])
        for index, item in enumerate(document[collection]):
            for error in validators[schema].iter_errors(item):
                errors.append(f"{collection}[{index}] {'/'.join(map(str, error.path))}: {error.message}")
    return errors, counted


def test_the_schemas_are_popolos_with_their_licence() -> None:
    assert {p.stem for p in SCHEMAS.glob("*.json")} >= set(COLLECTIONS.values()) | {"link", "other_name"}
    assert "Creative Commons Attribution 4.0" in (SCHEMAS / "README.md").read_text(encoding="utf-8")


def test_the_schema_check_catches_what_popolo_forbids() -> None:
    bad = {c: [] for c in COLLECTIONS}
    bad["organizations"] = [
        {"id": "x", "sources": [{"note": "a source without a url"}]},
        {"id": "y", "links": [{"url": "bodies/y.html"}], "founding_date": "last year"},
    ]
    bad["events"] = [{"id": "e", "start_date": "2027-02-02 14:00"}]
    errors, _ = popolo_errors(bad)
    assert any("sources/0" in e and "url" in e for e in errors), errors
    assert any("links/0/url" in e for e in errors), errors
    assert any("founding_date" in e for e in errors) and any("start_date" in e for e in errors), errors


@pytest.mark.parametrize("settings", ["none", "base_url"])
def test_site_popolo_validates_against_popolos_schemas(scratch: Path, tmp_path: Path, cli, settings: str) -> None:
    """The site's popolo.json, without a base URL (as docs/site.md builds it) and with one from site.toml."""
    if settings == "base_url":
        (scratch / "site.toml").write_text('[site]\nbase_url = "https://example.org/p/"\n', encoding="utf-8")
    out = tmp_path / "site"
    assert cli("--bodies", str(scratch), "site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf").exit_code == 0
    document = json.loads((out / "popolo.json").read_text(encoding="utf-8"))
    errors, counted = popolo_errors(document)
    print(f"popolo.json from site ({settings}): {counted}, {len(errors)} errors")
    assert not errors, errors[:10]
    assert counted["organizations"] > 20 and counted["posts"] > 100 and counted["memberships"] > 5
    ids = [item["id"] for collection in COLLECTIONS for item in document[collection]]
    assert len(ids) == len(set(ids))
    if settings == "base_url":  # ids are URIs in this document, and every reference uses the same form
        assert all(i.startswith("https://example.org/p/popolo.json#") for i in ids)
        org = next(o for o in document["organizations"] if o["id"].endswith("#solihull-arg"))
        assert org["parent_id"] in ids and org["sources"][0]["url"] == "https://example.org/p/bodies/solihull-arg.json"
        assert all(m["post_id"] in ids and m["person_id"] in ids for m in document["memberships"])
        assert '<link rel="canonical" href="https://example.org/p/index.html">' in (out / "index.html").read_text()
    else:
        assert not [o for o in document["organizations"] if "sources" in o]  # no url known: no Popolo source
        lscp = next(o for o in document["organizations"] if o["id"] == "solihull-lscp")
        assert lscp["torctl"]["source"]["document"].startswith("Solihull Safeguarding Children Partnership")


@pytest.mark.parametrize("base_url", [None, "https://example.org/partnership/"])
def test_export_validates_against_popolos_schemas(scratch: Path, cli, base_url: str | None) -> None:
    path = scratch / "solihull-arg.yaml"  # a meeting date, so events are checked too
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nmeetings:\n", "\nmeetings:\n  dates: [2027-02-02]\n", 1),
        encoding="utf-8",
    )
    args = ["--base-url", base_url] if base_url else []
    result = cli("--bodies", str(scratch), "export", "-f", "popolo", "--as-of", "2026-12-04", *args)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    errors, counted = popolo_errors(document)
    print(f"popolo.json from export (base URL {base_url}): {counted}, {len(errors)} errors")
    assert not errors, errors[:10]
    assert counted["events"] == 1
